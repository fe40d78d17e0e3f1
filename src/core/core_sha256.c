/* sha256 hex digests through OpenSSL's EVP interface (libcrypto). */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* The digest in md as 64 lowercase hex chars. */
static void to_hex(const unsigned char *md, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 0x0f];
    }
    out[64] = '\0';
}

int ces_sha256_file(const char *path, char out[65])
{
    unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    int err = 0;
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno ? errno : EIO;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
        err = ENOMEM;
    for (ssize_t n; !err && (n = read(fd, buf, sizeof buf)) != 0;) {
        if (n < 0 && errno != EINTR)
            err = errno ? errno : EIO;
        else if (n > 0 && !EVP_DigestUpdate(ctx, buf, (size_t)n))
            err = EIO;
    }
    if (!err && (!EVP_DigestFinal_ex(ctx, md, &md_len) || md_len != 32))
        err = EIO;
    EVP_MD_CTX_free(ctx);
    close(fd);
    if (!err)
        to_hex(md, out);
    return err;
}
