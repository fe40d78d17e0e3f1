/* sha256 digests (OpenSSL libcrypto). */
#ifndef CESCORE_SHA256_H
#define CESCORE_SHA256_H

#include <stddef.h>

/* sha256 of bytes as 64 lowercase hex chars + NUL. */
void ces_sha256_hex(const void *data, size_t len, char out[65]);

#endif
