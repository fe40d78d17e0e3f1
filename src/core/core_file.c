/* Output files are written to a temporary file next to the target, flushed
 * to disk and renamed into place: a failed command leaves no half-written
 * file. Every temporary is recorded, so that a signal handler can remove the
 * temporaries of the running command (outputs.h). */
#include "cescore/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/grow.h"
#include "cescore/outputs.h"
#include "core_temp.h"

/* ---- the temporaries of this process, read by the signal handler ---- */

/* The list keeps the order in which the temporaries were recorded (the
 * handler removes the last first: a folder's files before the folder). A
 * forgotten entry is left as a hole (path NULL) until the holes outnumber
 * the entries, when the list is compacted; a path is found through a hash
 * table, so that recording and forgetting the thousands of files of a
 * folder of outputs take a constant time each, in whatever order. */
typedef struct {
    char *path;
    int is_dir;
    size_t older; /* the entry recorded before it with the same path, else NONE */
} temp_entry;

#define NONE ((size_t)-1)
#define SLOT_FREE ((size_t)0)
#define SLOT_GONE ((size_t)-1) /* a path forgotten: probing goes past it */

static temp_entry *temps;
static size_t n_temps, cap_temps, n_live;
static size_t *slots;  /* 1 + the index of a path's latest entry, SLOT_FREE or SLOT_GONE */
static size_t n_slots; /* a power of 2, at least twice n_temps; 0 when there is no table */

static size_t path_hash(const char *p)
{
    size_t h = (size_t)14695981039346656037ull;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * (size_t)1099511628211ull;
    return h;
}

/* The slot of path, or the free slot where it would go (with where_free the
 * first slot a forgotten path left on the way, else that free slot). */
static size_t find_slot(const char *path, size_t *where_free)
{
    size_t mask = n_slots - 1, k = path_hash(path) & mask, spare = NONE;
    for (;; k = (k + 1) & mask) {
        size_t v = slots[k];
        if (v == SLOT_FREE)
            break;
        if (v == SLOT_GONE) {
            if (spare == NONE)
                spare = k;
        } else if (!strcmp(temps[v - 1].path, path)) {
            break;
        }
    }
    *where_free = spare != NONE ? spare : k;
    return k;
}

/* Index entry i (the latest of its path) in the table. */
static void index_entry(size_t i)
{
    size_t spare, k = find_slot(temps[i].path, &spare);
    if (slots[k] != SLOT_FREE) {
        temps[i].older = slots[k] - 1;
        slots[k] = i + 1;
    } else {
        temps[i].older = NONE;
        slots[spare] = i + 1;
    }
}

/* The list without its holes and a table of at least `want` slots for it;
 * -1 when out of memory (the list unchanged). */
static int rebuild(size_t want)
{
    size_t n = 16;
    while (n < want)
        n *= 2;
    size_t *s = calloc(n, sizeof *s);
    if (!s)
        return -1;
    size_t j = 0;
    for (size_t i = 0; i < n_temps; i++)
        if (temps[i].path)
            temps[j++] = temps[i];
    n_temps = j;
    free(slots);
    slots = s;
    n_slots = n;
    for (size_t i = 0; i < n_temps; i++)
        index_entry(i);
    return 0;
}

/* Changes to the list happen with the handled signals blocked, so that the
 * handler never sees it half-changed. */
static void block(sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    sigprocmask(SIG_BLOCK, &s, old);
}

static void unblock(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

int core_temp_register(const char *path, int is_dir)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    sigset_t old;
    block(&old);
    int ok = 1;
    if (CES_GROW(temps, cap_temps, n_temps, 16))
        ok = 0;
    if (ok && 2 * (n_temps + 1) > n_slots && rebuild(4 * (n_live + 1)) != 0)
        ok = 0;
    if (ok) {
        temps[n_temps] = (temp_entry){p, is_dir, NONE};
        index_entry(n_temps++);
        n_live++;
    }
    unblock(&old);
    if (!ok)
        free(p);
    return ok ? 0 : -1;
}

void core_temp_forget(const char *path)
{
    sigset_t old;
    char *gone = NULL;
    block(&old);
    size_t spare, k = n_slots ? find_slot(path, &spare) : 0;
    if (n_slots && slots[k] != SLOT_FREE) {
        size_t i = slots[k] - 1;
        slots[k] = temps[i].older == NONE ? SLOT_GONE : temps[i].older + 1;
        gone = temps[i].path;
        temps[i].path = NULL;
        n_live--;
    }
    if (n_live == 0) {
        free(temps);
        free(slots);
        temps = NULL;
        slots = NULL;
        n_temps = cap_temps = n_slots = 0;
    } else if (n_temps - n_live > n_live + 16) {
        rebuild(4 * n_live); /* out of memory: the holes stay, harmless */
    }
    unblock(&old);
    free(gone);
}

/* Only async-signal-safe calls: unlink, rmdir, _exit. A thread of jobs.h
 * (which never runs this handler) may create its file (again) just after it
 * was removed, until _exit ends it: a folder that is then not empty is
 * emptied and removed once more. */
static void on_signal(int sig)
{
    for (int pass = 0; pass < 3; pass++) {
        int left = 0;
        for (size_t i = n_temps; i-- > 0;) {
            if (!temps[i].path)
                continue;
            if (!temps[i].is_dir)
                unlink(temps[i].path);
            else if (rmdir(temps[i].path) != 0 && errno != ENOENT)
                left = 1;
        }
        if (!left)
            break;
    }
    _exit(128 + sig);
}

void ces_outputs_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

char *core_temp_name(const char *path)
{
    size_t n = strlen(path) + sizeof CORE_TEMP_INFIX + 32;
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%s" CORE_TEMP_INFIX "%ld-XXXXXX", path, (long)getpid());
    return t;
}

/* ---- one file through a temporary ---- */

/* The folder of path ("." when it has none), into buf. */
static void parent_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == path)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

ces_status ces_temp_create(const char *path, char **tmp_out, ces_diags *d)
{
    char dir[4096];
    parent_of(path, dir, sizeof dir);
    ces_outputs_sweep(dir);
    char *tmp = core_temp_name(path);
    if (!tmp)
        return CES_ERR_NOMEM;
    sigset_t old;
    block(&old); /* no signal between the file's creation and its record */
    int fd = mkstemp(tmp);
    int err = errno;
    if (fd >= 0 && core_temp_register(tmp, 0) != 0) {
        close(fd);
        unlink(tmp);
        fd = -1;
        err = ENOMEM;
    }
    unblock(&old);
    if (fd < 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot create a temporary file: %s",
                     path, strerror(err));
        free(tmp);
        return err == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
    }
    /* mkstemp makes the file private (0600); an output is an ordinary file */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: %s", tmp, strerror(errno));
        ces_temp_discard(tmp);
        return CES_ERR_IO;
    }
    *tmp_out = tmp;
    return CES_OK;
}

int ces_fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno ? errno : EIO;
    int err = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    if (close(fd) != 0 && !err)
        err = errno ? errno : EIO;
    return err;
}

ces_status ces_temp_commit(char *tmp, const char *path, ces_diags *d)
{
    int err = ces_fsync_path(tmp);
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot write: %s", path,
                     strerror(err));
        ces_temp_discard(tmp);
        return CES_ERR_IO;
    }
    core_temp_forget(tmp);
    char dir[4096];
    parent_of(path, dir, sizeof dir);
    ces_fsync_path(dir); /* the rename itself survives a power cut */
    free(tmp);
    return CES_OK;
}

void ces_temp_discard(char *tmp)
{
    if (tmp) {
        unlink(tmp);
        core_temp_forget(tmp);
    }
    free(tmp);
}

ces_status ces_write_file_atomic(const char *path, const void *bytes, size_t len, ces_diags *d)
{
    char *tmp = NULL;
    ces_status st = ces_temp_create(path, &tmp, d);
    if (st != CES_OK)
        return st;
    st = ces_write_bytes(tmp, bytes, len, path, d);
    if (st != CES_OK) {
        ces_temp_discard(tmp);
        return st;
    }
    return ces_temp_commit(tmp, path, d);
}

ces_status ces_write_bytes(const char *at, const void *bytes, size_t len, const char *name, ces_diags *d)
{
    /* write(2) rather than stdio: no buffer to allocate for bytes already in memory */
    int fd = open(at, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int err = fd < 0 ? errno : 0;
    const char *p = bytes;
    while (!err && len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n == 0)
            err = EIO;
        else if (n > 0) {
            p += n;
            len -= (size_t)n;
        }
    }
    if (fd >= 0 && close(fd) != 0 && !err)
        err = errno;
    if (err) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot write: %s", name,
                     strerror(err ? err : EIO));
        return CES_ERR_IO;
    }
    return CES_OK;
}
