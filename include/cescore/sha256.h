/* sha256 digests (OpenSSL libcrypto). */
#ifndef CESCORE_SHA256_H
#define CESCORE_SHA256_H

#include <stddef.h>

#include "cescore/status.h"

/* sha256 of bytes as 64 lowercase hex chars + NUL into out. CES_ERR_INTERNAL
 * (out = "") when libcrypto fails. */
ces_status ces_sha256_hex(const void *data, size_t len, char out[65])
    __attribute__((warn_unused_result));

/* A digest computed piece by piece, for a file read as a stream: begin,
 * update with each piece, then end writes the hex digest and frees the
 * state (discard frees it without a digest; both accept NULL). Each returns
 * CES_ERR_INTERNAL when libcrypto fails (end then writes ""). */
typedef struct ces_sha256 ces_sha256;

ces_status ces_sha256_begin(ces_sha256 **out) __attribute__((warn_unused_result));
ces_status ces_sha256_update(ces_sha256 *h, const void *data, size_t len);
ces_status ces_sha256_end(ces_sha256 *h, char out[65]);
void ces_sha256_discard(ces_sha256 *h);

#endif
