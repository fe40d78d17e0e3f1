/* sha256 hex digests through OpenSSL's EVP interface (libcrypto). */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "cescore/sha256.h"

ces_status ces_sha256_hex(const void *data, size_t len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    out[0] = '\0';
    if (!EVP_Digest(data ? data : "", data ? len : 0, md, &md_len, EVP_sha256(), NULL) || md_len != 32)
        return CES_ERR_INTERNAL;
    for (unsigned int i = 0; i < md_len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 0x0f];
    }
    out[64] = '\0';
    return CES_OK;
}
