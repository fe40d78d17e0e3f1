/* sha256 hex digests through OpenSSL's EVP interface (libcrypto). */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/sha256.h"

static void to_hex(const unsigned char *md, unsigned int md_len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < md_len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 0x0f];
    }
    out[64] = '\0';
}

ces_status ces_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    out[0] = '\0';
    if (!EVP_Digest(data ? data : "", data ? len : 0, md, &md_len, EVP_sha256(), NULL) || md_len != 32)
        return CES_ERR_INTERNAL;
    to_hex(md, md_len, out);
    return CES_OK;
}

/* The state of a digest computed piece by piece is libcrypto's context. */
struct ces_sha256 {
    EVP_MD_CTX *md;
};

ces_status ces_sha256_begin(ces_sha256 **out)
{
    ces_sha256 *h = calloc(1, sizeof *h);
    *out = NULL;
    if (!h)
        return CES_ERR_NOMEM;
    if (!(h->md = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(h->md, EVP_sha256(), NULL)) {
        ces_sha256_discard(h);
        return CES_ERR_INTERNAL;
    }
    *out = h;
    return CES_OK;
}

ces_status ces_sha256_update(ces_sha256 *h, const void *data, size_t len)
{
    if (!len)
        return CES_OK;
    return h && EVP_DigestUpdate(h->md, data, len) ? CES_OK : CES_ERR_INTERNAL;
}

ces_status ces_sha256_end(ces_sha256 *h, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    out[0] = '\0';
    int ok = h && EVP_DigestFinal_ex(h->md, md, &md_len) && md_len == 32;
    if (ok)
        to_hex(md, md_len, out);
    ces_sha256_discard(h);
    return ok ? CES_OK : CES_ERR_INTERNAL;
}

void ces_sha256_discard(ces_sha256 *h)
{
    if (!h)
        return;
    EVP_MD_CTX_free(h->md);
    free(h);
}
