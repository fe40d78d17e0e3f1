/* A command's outputs, put in place together after its archive transaction
 * commits (outputs.h): files through temporaries beside them, folders
 * through a temporary folder with a manifest written last. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */
#include "cescore/outputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/code_index.h"
#include "cescore/file.h"
#include "cescore/i18n.h"
#include "cescore/jobs.h"
#include "cescore/sha256.h"
#include "core_temp.h"

typedef struct {
    char *path, *tmp;
    struct stat parent; /* the folder it goes into */
    char *base;
} out_file;

typedef struct {
    char **names;
    size_t n, cap;
} name_list;

struct ces_output_folder {
    char *dir, *tmp, *kind;
    int replace_previous;
    int existed;            /* dir existed when reserved */
    mode_t mode;            /* its mode then */
    struct stat st;         /* and what it was */
    name_list files;        /* written into tmp */
    ces_code_index by_name; /* where each of files is, by its name in lower case */
    name_list paths;        /* ... and their paths there */
    name_list subs;         /* subfolders made in tmp (their paths), in the order made */
    name_list old;          /* the replaced folder's manifest: name, sha256, name, sha256... */
    int published;
};

struct ces_outputs {
    out_file *files;
    size_t n_files, cap_files;
    ces_output_folder **folders;
    size_t n_folders, cap_folders;
};

static void out_err(ces_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out_err(ces_diags *d, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    ces_diag_add_text(d, CES_DIAG_ERROR, NULL, 0, NULL, 0, NULL, msg);
}

/* ---- names ---- */

static int names_add(name_list *l, const char *name)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **p = realloc(l->names, cap * sizeof *p);
        if (!p)
            return -1;
        l->names = p;
        l->cap = cap;
    }
    if (!(l->names[l->n] = strdup(name)))
        return -1;
    l->n++;
    return 0;
}

static void names_free(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    memset(l, 0, sizeof *l);
}

/* name with ASCII letters in lower case (malloc'ed; NULL without memory):
 * the key under which a folder's files are told apart where case is ignored. */
static char *lower_case(const char *name)
{
    char *low = strdup(name);
    for (char *c = low; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    return low;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when name is a file of a folder of outputs: a plain name, or one in a
 * subfolder ("calendar/2024.json"); never ".", "..", the manifest, or a
 * path that climbs or goes deeper. */
static int valid_name(const char *name)
{
    const char *slash = strchr(name, '/');
    size_t head = slash ? (size_t)(slash - name) : strlen(name);
    if (head == 0 || (head == 1 && name[0] == '.') || (head == 2 && !strncmp(name, "..", 2)))
        return 0;
    if (!slash)
        return strcmp(name, CES_MANIFEST_NAME) != 0;
    return !strchr(slash + 1, '/') && valid_name(slash + 1);
}

/* The subfolder of a file's name "SUB/NAME" (n bytes), else "" (0). */
static size_t sub_of(const char *name, char *sub, size_t n)
{
    const char *slash = strchr(name, '/');
    size_t len = slash ? (size_t)(slash - name) : 0;
    if (len >= n)
        len = 0;
    memcpy(sub, name, len);
    sub[len] = '\0';
    return len;
}

/* dir "/" name, malloc'ed. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* The folder of path and its last part, into dir and base. */
static void split(const char *path, char *dir, size_t n, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    if (!slash)
        snprintf(dir, n, ".");
    else if (slash == path)
        snprintf(dir, n, "/");
    else
        snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

static mode_t default_mode(mode_t full)
{
    mode_t mask = umask(0);
    umask(mask);
    return full & ~mask;
}

/* ---- stale temporaries ---- */

/* The process id in a temporary's name "X.cescore-tmp-PID-XXXXXX", else 0. */
static long temp_pid(const char *name)
{
    const char *p = strstr(name, CORE_TEMP_INFIX);
    if (!p)
        return 0;
    p += strlen(CORE_TEMP_INFIX);
    char *end;
    long pid = strtol(p, &end, 10);
    if (end == p || *end != '-' || strlen(end + 1) != 6 || pid <= 0)
        return 0;
    return pid;
}

/* Remove the temporary folder path when it holds regular files only. */
static void remove_stale_folder(const char *path)
{
    DIR *dh = opendir(path);
    if (!dh)
        return;
    struct dirent *e;
    int only_files = 1;
    while (only_files && (e = readdir(dh)) != NULL) {
        struct stat sb;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        only_files = fstatat(dirfd(dh), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode);
    }
    if (only_files) {
        rewinddir(dh);
        while ((e = readdir(dh)) != NULL)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                unlinkat(dirfd(dh), e->d_name, 0);
    }
    closedir(dh);
    if (only_files)
        rmdir(path);
}

void ces_outputs_sweep(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        long pid = temp_pid(e->d_name);
        if (pid == 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours, or its process may still run */
        struct stat sb;
        char *p = join(dir, e->d_name);
        if (p && lstat(p, &sb) == 0) {
            if (S_ISREG(sb.st_mode))
                unlink(p);
            else if (S_ISDIR(sb.st_mode))
                remove_stale_folder(p);
        }
        free(p);
    }
    closedir(dh);
}

/* ---- the set ---- */

ces_outputs *ces_outputs_new(void) { return calloc(1, sizeof(ces_outputs)); }

/* Remove folder f's temporary folder with the files in it. */
static void discard_folder(ces_output_folder *f)
{
    if (!f->tmp)
        return;
    char *m = join(f->tmp, CES_MANIFEST_NAME);
    for (size_t i = 0; i < f->files.n; i++) {
        char *p = join(f->tmp, f->files.names[i]);
        if (p) {
            unlink(p);
            core_temp_forget(p);
        }
        free(p);
    }
    if (m) {
        unlink(m);
        core_temp_forget(m);
    }
    free(m);
    for (size_t i = f->subs.n; i-- > 0;) {
        rmdir(f->subs.names[i]);
        core_temp_forget(f->subs.names[i]);
    }
    rmdir(f->tmp);
    core_temp_forget(f->tmp);
}

void ces_outputs_free(ces_outputs *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_files; i++) {
        if (o->files[i].tmp)
            ces_temp_discard(o->files[i].tmp);
        free(o->files[i].path);
    }
    for (size_t i = 0; i < o->n_folders; i++) {
        ces_output_folder *f = o->folders[i];
        if (!f->published)
            discard_folder(f);
        names_free(&f->files);
        ces_code_index_free(&f->by_name);
        names_free(&f->paths);
        names_free(&f->subs);
        names_free(&f->old);
        free(f->dir);
        free(f->tmp);
        free(f->kind);
        free(f);
    }
    free(o->files);
    free(o->folders);
    free(o);
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

ces_status ces_outputs_file(ces_outputs *o, const char *path, const char **tmp, ces_diags *d)
{
    char dir[4096];
    const char *base;
    out_file f = {0};
    split(path, dir, sizeof dir, &base);
    if (stat(dir, &f.parent) != 0) {
        out_err(d, "%s: cannot write: %s", path, strerror(errno));
        return CES_ERR_IO;
    }
    for (size_t i = 0; i < o->n_files; i++)
        if (same_file(&o->files[i].parent, &f.parent) && !strcmp(o->files[i].base, base)) {
            out_err(d, "%s is given for two outputs", path);
            return CES_ERR_USAGE;
        }
    for (size_t i = 0; i < o->n_folders; i++)
        if (o->folders[i]->existed && same_file(&o->folders[i]->st, &f.parent)) {
            out_err(d,
                    "%s is inside %s, a folder of outputs that cescore replaces as a whole; write it "
                    "elsewhere",
                    path, o->folders[i]->dir);
            return CES_ERR_USAGE;
        }
    if (o->n_files == o->cap_files) {
        size_t cap = o->cap_files ? 2 * o->cap_files : 4;
        out_file *p = realloc(o->files, cap * sizeof *p);
        if (!p)
            return CES_ERR_NOMEM;
        o->files = p;
        o->cap_files = cap;
    }
    if (!(f.path = strdup(path)))
        return CES_ERR_NOMEM;
    ces_status st = ces_temp_create(path, &f.tmp, d);
    if (st != CES_OK) {
        free(f.path);
        return st;
    }
    f.base = f.path + (base - path);
    o->files[o->n_files++] = f;
    *tmp = f.tmp;
    return CES_OK;
}

ces_status ces_outputs_bytes(ces_outputs *o, const char *path, const void *bytes, size_t len,
                             ces_diags *d)
{
    const char *tmp;
    ces_status st = ces_outputs_file(o, path, &tmp, d);
    return st == CES_OK ? ces_write_bytes(tmp, bytes, len, path, d) : st;
}

/* ---- manifests ---- */

/* Read dir's manifest: its kind into kind (n bytes) and its entries (name
 * and sha256, one after the other, in l). -1 when it is absent or not a
 * manifest of cescore. */
static int read_manifest(const char *dir, char *kind, size_t n, name_list *l)
{
    char *p = join(dir, CES_MANIFEST_NAME);
    FILE *fp = p ? fopen(p, "r") : NULL;
    free(p);
    if (!fp)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ok = 1, at = 0;
    while (ok && (len = getline(&line, &cap, fp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (at == 0)
            ok = !strcmp(line, "cescore-manifest 1");
        else if (at == 1)
            ok = !strncmp(line, "kind ", 5) && snprintf(kind, n, "%s", line + 5) < (int)n;
        else
            ok = len > 66 && line[64] == ' ' && line[65] == ' ' && valid_name(line + 66) &&
                 names_add(l, line + 66) == 0 && names_add(l, (line[64] = '\0', line)) == 0;
        at++;
    }
    free(line);
    fclose(fp);
    return ok && at >= 2 ? 0 : -1;
}

/* The manifest entries of a replaced folder (name and sha256, one after the
 * other) and where each name first is. */
typedef struct {
    const name_list *l;
    ces_code_index ix;
} manifest;

/* The sha256 the manifest gives name, or NULL. */
static const char *manifest_sha(const manifest *m, const char *name)
{
    long i = ces_code_index_find(&m->ix, name);
    return i >= 0 && (size_t)i + 1 < m->l->n ? m->l->names[i + 1] : NULL;
}

/* m over the entries in l (an empty name names no file); -1 when out of memory. */
static int manifest_index(manifest *m, const name_list *l)
{
    long first;
    m->l = l;
    memset(&m->ix, 0, sizeof m->ix);
    for (size_t i = 0; i + 1 < l->n; i += 2)
        if (l->names[i][0] && ces_code_index_add(&m->ix, l->names[i], (long)i, &first) != 0)
            return -1;
    return 0;
}

/* The names in dir (but "." and ".."), sorted, into l. */
static ces_status list_folder(const char *dir, name_list *l, ces_diags *d)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        out_err(d, "%s: cannot read the folder: %s", dir, strerror(errno));
        return CES_ERR_IO;
    }
    struct dirent *e;
    ces_status st = CES_OK;
    while (st == CES_OK && (e = readdir(dh)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && names_add(l, e->d_name) != 0)
            st = CES_ERR_NOMEM;
    closedir(dh);
    if (l->n)
        qsort(l->names, l->n, sizeof *l->names, cmp_names);
    return st;
}

/* The folder's manifest, its kind and what replacing it needs: CES_ERR_IO
 * (naming the first file) without a manifest or with another kind's,
 * CES_ERR_CONFLICT when replace_previous is 0. */
static ces_status check_manifest(const char *dir, const name_list *entries, const char *kind,
                                 int replace_previous, name_list *old, ces_diags *d)
{
    char mkind[64] = "";
    if (read_manifest(dir, mkind, sizeof mkind, old) != 0) {
        const char *first = entries->names[0];
        for (size_t i = 0; i < entries->n && !strcmp(first, CES_MANIFEST_NAME); i++)
            first = entries->names[i];
        out_err(d, "%s: holds %s, which cescore did not write there; write to a new or empty folder",
                dir, first);
        return CES_ERR_IO;
    }
    if (strcmp(mkind, kind)) {
        out_err(d, "%s: holds cescore's %s, not %s; write to a new or empty folder", dir, mkind, kind);
        return CES_ERR_IO;
    }
    if (!replace_previous) {
        out_err(d, "%s: not empty: it holds a previous %s of cescore", dir, kind);
        return CES_ERR_CONFLICT;
    }
    return CES_OK;
}

/* sha256 of the file at path (not followed when a symlink), read in pieces
 * through the streaming digest, and the file flushed to disk when flush is
 * set. 0, or an errno value. */
static int file_sha256(const char *path, char out[65], int flush)
{
    unsigned char buf[65536];
    ces_sha256 *h = NULL;
    int e = 0;
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno ? errno : EIO;
    if (ces_sha256_begin(&h) != CES_OK)
        e = ENOMEM;
    for (ssize_t n; !e && (n = read(fd, buf, sizeof buf)) != 0;) {
        if (n < 0 && errno != EINTR)
            e = errno ? errno : EIO;
        else if (n > 0 && ces_sha256_update(h, buf, (size_t)n) != CES_OK)
            e = EIO;
    }
    if (e)
        ces_sha256_discard(h);
    else if (ces_sha256_end(h, out) != CES_OK)
        e = EIO;
    if (!e && flush && fsync(fd) != 0 && errno != EINVAL)
        e = errno ? errno : EIO;
    close(fd);
    return e;
}

/* Entry name of dir must be a regular file the manifest old lists, unchanged. */
static ces_status check_entry(const char *dir, const char *name, const manifest *old, ces_diags *d)
{
    const char *want = manifest_sha(old, name);
    char *p = join(dir, name), sha[65];
    struct stat sb;
    ces_status st = CES_OK;
    if (!p)
        st = CES_ERR_NOMEM;
    else if (!want || lstat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        out_err(d, "%s: holds %s, which cescore did not write there; write to a new or empty folder",
                dir, name);
        st = CES_ERR_IO;
    } else if (file_sha256(p, sha, 0) != 0 || strcmp(sha, want)) {
        out_err(d, "%s: %s was changed after cescore wrote it; move it away or write to a new folder",
                dir, name);
        st = CES_ERR_IO;
    }
    free(p);
    return st;
}

/* 1 when name in dir is a folder itself (not a symbolic link to one). */
static int is_folder(const char *dir, const char *name)
{
    struct stat sb;
    char *p = join(dir, name);
    int yes = p && lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
    free(p);
    return yes;
}

/* Subfolder sub of dir: it must hold unchanged files of the manifest old
 * only, and one at least. */
static ces_status check_sub(const char *dir, const char *sub, const manifest *old, ces_diags *d)
{
    name_list entries = {0};
    char *p = join(dir, sub);
    ces_status st = p ? list_folder(p, &entries, d) : CES_ERR_NOMEM;
    if (st == CES_OK && entries.n == 0) {
        out_err(d, "%s: holds %s, which cescore did not write there; write to a new or empty folder",
                dir, sub);
        st = CES_ERR_IO;
    }
    for (size_t i = 0; st == CES_OK && i < entries.n; i++) {
        char *name = join(sub, entries.names[i]);
        st = name ? check_entry(dir, name, old, d) : CES_ERR_NOMEM;
        free(name);
    }
    names_free(&entries);
    free(p);
    return st;
}

/* Check an existing folder of outputs: dir may be replaced when it is empty
 * or holds only the unchanged files of its manifest of kind (also in a
 * subfolder of it). The manifest's entries go to old. */
static ces_status check_folder(const char *dir, const char *kind, int replace_previous, name_list *old,
                               ces_diags *d)
{
    name_list entries = {0};
    manifest m = {old, {0}};
    names_free(old);
    ces_status st = list_folder(dir, &entries, d);
    if (st == CES_OK && entries.n)
        st = check_manifest(dir, &entries, kind, replace_previous, old, d);
    if (st == CES_OK && manifest_index(&m, old) != 0)
        st = CES_ERR_NOMEM;
    for (size_t i = 0; st == CES_OK && i < entries.n; i++)
        if (is_folder(dir, entries.names[i]))
            st = check_sub(dir, entries.names[i], &m, d);
        else if (strcmp(entries.names[i], CES_MANIFEST_NAME))
            st = check_entry(dir, entries.names[i], &m, d);
    ces_code_index_free(&m.ix);
    names_free(&entries);
    return st;
}

/* dir without trailing slashes (malloc'ed); NULL (with an error) for a path
 * that names no folder of its own ("", ".", "..", "/"). */
static char *folder_path(const char *dir, ces_diags *d)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    const char *base = dir;
    for (size_t i = 0; i < len; i++)
        if (dir[i] == '/')
            base = dir + i + 1;
    size_t blen = len - (size_t)(base - dir);
    if (blen == 0 || (blen == 1 && base[0] == '.') || (blen == 2 && !strncmp(base, "..", 2))) {
        out_err(d, "%s: give a folder by its name (cescore replaces the folder as a whole)", dir);
        return NULL;
    }
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, dir, len);
        p[len] = '\0';
    }
    return p;
}

/* Check dir as a folder of outputs: *existed, and its stat and mode. */
static ces_status stat_folder(ces_output_folder *f, ces_diags *d)
{
    if (lstat(f->dir, &f->st) != 0) {
        if (errno != ENOENT) {
            out_err(d, "%s: %s", f->dir, strerror(errno));
            return CES_ERR_IO;
        }
        f->existed = 0;
        return CES_OK;
    }
    if (S_ISLNK(f->st.st_mode)) {
        out_err(d, "%s: is a symbolic link; cescore writes a folder of outputs only into a real folder",
                f->dir);
        return CES_ERR_IO;
    }
    if (!S_ISDIR(f->st.st_mode)) {
        out_err(d, "%s: not a folder", f->dir);
        return CES_ERR_IO;
    }
    f->existed = 1;
    f->mode = f->st.st_mode & 07777;
    return CES_OK;
}

static ces_status add_folder(ces_outputs *o, ces_output_folder *f)
{
    if (o->n_folders == o->cap_folders) {
        size_t cap = o->cap_folders ? 2 * o->cap_folders : 2;
        ces_output_folder **p = realloc(o->folders, cap * sizeof *p);
        if (!p)
            return CES_ERR_NOMEM;
        o->folders = p;
        o->cap_folders = cap;
    }
    o->folders[o->n_folders++] = f;
    return CES_OK;
}

/* Create f's temporary folder beside it. */
static ces_status make_temp_folder(ces_output_folder *f, ces_diags *d)
{
    char parent[4096];
    const char *base;
    split(f->dir, parent, sizeof parent, &base);
    ces_outputs_sweep(parent);
    if (!(f->tmp = core_temp_name(f->dir)))
        return CES_ERR_NOMEM;
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old); /* no signal between its creation and its record */
    int made = mkdtemp(f->tmp) != NULL, e = errno;
    if (made && core_temp_register(f->tmp, 1) != 0) {
        rmdir(f->tmp);
        made = 0;
        e = ENOMEM;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (!made) {
        out_err(d, "%s: cannot create a temporary folder beside it: %s", f->dir, strerror(e));
        free(f->tmp);
        f->tmp = NULL;
        return e == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
    }
    return CES_OK;
}

ces_status ces_outputs_folder(ces_outputs *o, const char *dir, const char *kind, int replace_previous,
                              ces_output_folder **out, ces_diags *d)
{
    ces_output_folder *f = calloc(1, sizeof *f);
    if (!f)
        return CES_ERR_NOMEM;
    f->replace_previous = replace_previous;
    f->kind = strdup(kind);
    ces_status st = add_folder(o, f);
    if (st != CES_OK) {
        free(f->kind);
        free(f);
        return st;
    }
    if (!f->kind || !(f->dir = folder_path(dir, d)))
        return f->kind ? CES_ERR_IO : CES_ERR_NOMEM;
    f->published = 1; /* nothing to discard until the temporary folder exists */
    st = stat_folder(f, d);
    for (size_t i = 0; st == CES_OK && f->existed && i < o->n_files; i++)
        if (same_file(&o->files[i].parent, &f->st)) {
            out_err(d,
                    "%s is inside %s, a folder of outputs that cescore replaces as a whole; write it "
                    "elsewhere",
                    o->files[i].path, f->dir);
            st = CES_ERR_USAGE;
        }
    if (st == CES_OK && f->existed)
        st = check_folder(f->dir, kind, replace_previous, &f->old, d);
    if (st == CES_OK)
        st = make_temp_folder(f, d);
    if (st == CES_OK) {
        f->published = 0;
        *out = f;
    }
    return st;
}

/* The subfolder of name in f's temporary folder, made when it is not yet. */
static ces_status make_sub(ces_output_folder *f, const char *name, ces_diags *d)
{
    char sub[256];
    if (!sub_of(name, sub, sizeof sub))
        return CES_OK;
    char *p = join(f->tmp, sub);
    if (!p)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < f->subs.n; i++)
        if (!strcmp(f->subs.names[i], p)) {
            free(p);
            return CES_OK;
        }
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old); /* no signal between its creation and its record */
    int made = mkdir(p, 0777) == 0, e = errno;
    if (made && (core_temp_register(p, 1) != 0 || names_add(&f->subs, p) != 0)) {
        core_temp_forget(p);
        rmdir(p);
        made = 0;
        e = ENOMEM;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(p);
    if (made)
        return CES_OK;
    out_err(d, "%s/%s: cannot write: %s", f->dir, sub, strerror(e));
    return e == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
}

/* name as the next file of f (no file of f has its lower-case form low yet):
 * its temporary's path in *tmp. */
static ces_status add_file(ces_output_folder *f, const char *name, const char *low, const char **tmp,
                           ces_diags *d)
{
    if (!valid_name(name)) {
        out_err(d, "%s: %s cannot name a file of the folder", f->dir, name);
        return CES_ERR_INVALID;
    }
    ces_status st = make_sub(f, name, d);
    if (st != CES_OK)
        return st;
    char *p = join(f->tmp, name);
    if (!p || names_add(&f->files, name) != 0) {
        free(p);
        return CES_ERR_NOMEM;
    }
    if (names_add(&f->paths, p) != 0) {
        f->files.n--;
        free(f->files.names[f->files.n]);
        free(p);
        return CES_ERR_NOMEM;
    }
    free(p);
    p = f->paths.names[f->paths.n - 1];
    /* recorded before it exists: the writer creates it (in the temporary
     * folder, private until published), on whichever thread writes it */
    long first;
    int registered = core_temp_register(p, 0) == 0;
    if (!registered || ces_code_index_add(&f->by_name, low, (long)(f->files.n - 1), &first) != 0) {
        if (registered)
            core_temp_forget(p);
        f->files.n--;
        free(f->files.names[f->files.n]);
        f->paths.n--;
        free(f->paths.names[f->paths.n]);
        return CES_ERR_NOMEM;
    }
    *tmp = p;
    return CES_OK;
}

ces_status ces_outputs_folder_file(ces_output_folder *f, const char *name, const char **tmp,
                                   ces_diags *d)
{
    char *low = lower_case(name);
    if (!low)
        return CES_ERR_NOMEM;
    long same = ces_code_index_find(&f->by_name, low);
    ces_status st = CES_ERR_INVALID;
    if (same >= 0)
        out_err(d, "%s: %s and %s would be the same file where case is ignored", f->dir,
                f->files.names[same], name);
    else
        st = add_file(f, name, low, tmp, d);
    free(low);
    return st;
}

ces_status ces_outputs_folder_bytes(ces_output_folder *f, const char *name, const void *bytes,
                                    size_t len, ces_diags *d)
{
    const char *tmp;
    ces_status st = ces_outputs_folder_file(f, name, &tmp, d);
    return st == CES_OK ? ces_write_bytes(tmp, bytes, len, name, d) : st;
}

/* ---- ready: everything on disk, manifests last ---- */

/* Each file of a folder, in the manifest's order, read for its sha256 and
 * flushed to disk: on several threads, so that the device's latency of one
 * flush is spent while others wait too (thousands of scorecards). */
#define FLUSH_WORKERS 8

typedef struct {
    const ces_output_folder *f;
    char **sorted;
    char (*sha)[65];
    int *err;
} flush_set;

static int flush_job(void *arg, size_t i)
{
    flush_set *s = arg;
    char *p = join(s->f->tmp, s->sorted[i]);
    s->err[i] = p ? file_sha256(p, s->sha[i], 1) : ENOMEM;
    free(p);
    return s->err[i];
}

/* Write f's manifest (every file's sha256, by name) into its temporary folder. */
static ces_status write_manifest(ces_output_folder *f, ces_diags *d)
{
    size_t n = f->files.n;
    flush_set fs = {f, malloc((n + 1) * sizeof *fs.sorted), malloc((n + 1) * sizeof *fs.sha),
                    calloc(n + 1, sizeof *fs.err)};
    char **sorted = fs.sorted;
    FILE *mem = NULL;
    char *text = NULL;
    size_t len = 0;
    ces_status st = sorted && fs.sha && fs.err ? CES_OK : CES_ERR_NOMEM;
    if (st == CES_OK) {
        memcpy(sorted, f->files.names, n * sizeof *sorted);
        qsort(sorted, n, sizeof *sorted, cmp_names);
        if (!(mem = open_memstream(&text, &len)))
            st = CES_ERR_NOMEM;
    }
    if (st == CES_OK) {
        fprintf(mem, "cescore-manifest 1\nkind %s\n", f->kind);
        /* every file before the first that failed is done (jobs.h) */
        ces_jobs_run(n, FLUSH_WORKERS, flush_job, &fs);
    }
    for (size_t i = 0; st == CES_OK && i < n; i++) {
        int e = fs.err[i];
        if (e) {
            out_err(d, "%s/%s: cannot write: %s", f->dir, sorted[i], strerror(e));
            st = e == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
        } else {
            fprintf(mem, "%s  %s\n", fs.sha[i], sorted[i]);
        }
    }
    if (mem && fclose(mem) != 0 && st == CES_OK)
        st = CES_ERR_NOMEM;
    char *m = st == CES_OK ? join(f->tmp, CES_MANIFEST_NAME) : NULL;
    if (st == CES_OK && !m)
        st = CES_ERR_NOMEM;
    if (st == CES_OK && core_temp_register(m, 0) != 0)
        st = CES_ERR_NOMEM;
    if (st == CES_OK)
        st = ces_write_bytes(m, text, len, CES_MANIFEST_NAME, d);
    for (size_t i = 0; st == CES_OK && i < f->subs.n; i++)
        if (ces_fsync_path(f->subs.names[i]) != 0) {
            out_err(d, "%s: cannot write: %s", f->dir, strerror(errno));
            st = CES_ERR_IO;
        }
    if (st == CES_OK && (ces_fsync_path(m) != 0 || ces_fsync_path(f->tmp) != 0)) {
        out_err(d, "%s: cannot write: %s", f->dir, strerror(errno));
        st = CES_ERR_IO;
    }
    free(m);
    free(text);
    free(sorted);
    free(fs.sha);
    free(fs.err);
    return st;
}

ces_status ces_outputs_ready(ces_outputs *o, ces_diags *d)
{
    ces_status st = CES_OK;
    for (size_t i = 0; st == CES_OK && i < o->n_files; i++) {
        int e = ces_fsync_path(o->files[i].tmp);
        if (e) {
            out_err(d, "%s: cannot write: %s", o->files[i].path, strerror(e));
            st = CES_ERR_IO;
        }
    }
    for (size_t i = 0; st == CES_OK && i < o->n_folders; i++)
        st = write_manifest(o->folders[i], d);
    return st;
}

/* ---- publish: rename into place ---- */

/* Remove what the folder replaced, now in f->tmp: the files its manifest
 * listed and the manifest, then the folder. Anything else stays (with a
 * warning): it appeared after the folder was checked. */
static void remove_replaced(ces_output_folder *f, ces_diags *d)
{
    for (size_t i = 0; i < f->old.n; i += 2) {
        char *p = join(f->tmp, f->old.names[i]);
        if (p)
            unlink(p);
        free(p);
    }
    char *m = join(f->tmp, CES_MANIFEST_NAME);
    if (m)
        unlink(m);
    free(m);
    for (size_t i = 0; i < f->old.n; i += 2) {
        char sub[256], *p = sub_of(f->old.names[i], sub, sizeof sub) ? join(f->tmp, sub) : NULL;
        if (p)
            rmdir(p); /* the first time empties it; later ones find it gone */
        free(p);
    }
    if (rmdir(f->tmp) != 0 && errno != ENOENT)
        ces_diag_add(d, CES_DIAG_WARNING, NULL, 0, NULL, NULL,
                     "%s: the replaced folder is kept as %s: it holds files cescore did not write",
                     f->dir, f->tmp);
}

/* Forget every temporary of f: it is in place. */
static void forget_folder(ces_output_folder *f)
{
    for (size_t i = 0; i < f->paths.n; i++)
        core_temp_forget(f->paths.names[i]);
    char *m = join(f->tmp, CES_MANIFEST_NAME);
    if (m)
        core_temp_forget(m);
    free(m);
    for (size_t i = 0; i < f->subs.n; i++)
        core_temp_forget(f->subs.names[i]);
    core_temp_forget(f->tmp);
}

/* Exchange the new folder (f->tmp) with the existing one (f->dir); without
 * an atomic exchange on this file system, move the old one aside first. */
static int exchange(ces_output_folder *f)
{
    if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->dir, RENAME_EXCHANGE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    char *aside = core_temp_name(f->dir);
    if (!aside || !mkdtemp(aside) || rmdir(aside) != 0) {
        free(aside);
        return -1;
    }
    int ok = rename(f->dir, aside) == 0;
    if (ok && rename(f->tmp, f->dir) != 0) {
        rename(aside, f->dir); /* put the old one back */
        ok = 0;
    }
    if (ok && rename(aside, f->tmp) != 0)
        ok = 1; /* in place; the old folder stays aside, for the next sweep */
    free(aside);
    return ok ? 0 : -1;
}

/* Right before f replaces its folder: the folder is still as it was when f
 * was reserved (absent, or holding only cescore's files). */
static ces_status still_replaceable(const ces_output_folder *f, ces_diags *d)
{
    ces_output_folder now = *f;
    memset(&now.old, 0, sizeof now.old);
    ces_status st = stat_folder(&now, d);
    if (st == CES_OK && now.existed != f->existed) {
        out_err(d, "%s: %s since the command started", f->dir,
                now.existed ? _("created") : _("removed"));
        st = CES_ERR_IO;
    }
    if (st == CES_OK && f->existed)
        st = check_folder(f->dir, f->kind, f->replace_previous, &now.old, d);
    names_free(&now.old);
    return st;
}

/* Record (or forget) the replaced folder's files under f->tmp, where the
 * exchange moves them, as temporaries the signal handler may remove. */
static ces_status record_replaced(ces_output_folder *f, int record)
{
    ces_status st = CES_OK;
    /* subfolders first: the handler removes what was recorded last first */
    for (int files = 0; files < 2; files++)
        for (size_t i = 0; f->existed && i < f->old.n; i += 2) {
            char sub[256];
            int in_sub = sub_of(f->old.names[i], sub, sizeof sub) > 0;
            if (!files && !in_sub)
                continue;
            char *p = join(f->tmp, files ? f->old.names[i] : sub);
            if (p && record && core_temp_register(p, !files) != 0)
                st = CES_ERR_NOMEM;
            else if (p && !record)
                core_temp_forget(p);
            free(p);
        }
    return st;
}

static ces_status publish_folder(ces_output_folder *f, ces_diags *d)
{
    ces_status st = still_replaceable(f, d);
    if (st == CES_OK && chmod(f->tmp, f->existed ? f->mode : default_mode(0777)) != 0) {
        out_err(d, "%s: %s", f->tmp, strerror(errno));
        st = CES_ERR_IO;
    }
    if (st == CES_OK)
        st = record_replaced(f, 1);
    if (st == CES_OK && (f->existed ? exchange(f) : rename(f->tmp, f->dir)) != 0) {
        out_err(d, "%s: cannot put the folder in place: %s", f->dir, strerror(errno));
        st = CES_ERR_IO;
    }
    record_replaced(f, 0);
    if (st != CES_OK)
        return st;
    forget_folder(f);
    f->published = 1;
    if (f->existed)
        remove_replaced(f, d);
    char parent[4096];
    const char *base;
    split(f->dir, parent, sizeof parent, &base);
    ces_fsync_path(parent);
    return CES_OK;
}

ces_status ces_outputs_publish(ces_outputs *o, ces_diags *d)
{
    ces_status st = CES_OK;
    for (size_t i = 0; i < o->n_files; i++) {
        out_file *f = &o->files[i];
        ces_status s = ces_temp_commit(f->tmp, f->path, d);
        f->tmp = NULL; /* freed by commit, in place or removed */
        if (s != CES_OK && st == CES_OK)
            st = s;
    }
    for (size_t i = 0; i < o->n_folders; i++) {
        if (o->folders[i]->published)
            continue;
        ces_status s = publish_folder(o->folders[i], d);
        if (s != CES_OK && st == CES_OK)
            st = s;
    }
    return st;
}
