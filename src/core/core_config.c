/* The config's lifetime and lookups (config.h); parsing is score's. */
#include <stdlib.h>
#include <string.h>

#include "cescore/config.h"

void ces_config_free(ces_config *cfg)
{
    if (!cfg)
        return;
    free(cfg->path);
    free(cfg->text);
    memset(cfg, 0, sizeof *cfg);
}

const ces_cfg_item *ces_config_item(const ces_cfg_indicator *ci, const char *id_or_zh)
{
    if (!ci || !id_or_zh)
        return NULL;
    for (size_t i = 0; i < ci->n_items; i++)
        if (strcmp(ci->items[i].id, id_or_zh) == 0 || strcmp(ci->items[i].zh, id_or_zh) == 0)
            return &ci->items[i];
    return NULL;
}
