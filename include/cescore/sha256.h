/* sha256 digests (OpenSSL libcrypto). */
#ifndef CESCORE_SHA256_H
#define CESCORE_SHA256_H

#include <stddef.h>

#include "cescore/status.h"

/* sha256 of bytes as 64 lowercase hex chars + NUL into out. CES_ERR_INTERNAL
 * (out = "") when libcrypto fails. */
ces_status ces_sha256_hex(const void *data, size_t len, char out[65])
    __attribute__((warn_unused_result));

/* sha256 of the file at path, read in pieces. 0, or an errno value. */
int ces_sha256_file(const char *path, char out[65]) __attribute__((warn_unused_result));

#endif
