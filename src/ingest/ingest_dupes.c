/* Repeated ids by fingerprints sorted in runs of a fixed size (radix sort,
 * stable, so equal fingerprints stay in line order), spilled to a temporary
 * file and merged through a heap of run heads. */
#include "ingest_dupes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN (1u << 18) /* fingerprints per run: 4 MiB */
#define BLOCK 4096u    /* fingerprints read at a time from each run when merging */

typedef struct {
    uint64_t h;
    uint64_t line;
} fp;

struct ing_dupes {
    fp *buf, *tmp;
    size_t n;
    FILE *spill;   /* the sorted runs, one after the other */
    size_t n_runs; /* runs written (each RUN long but the last) */
    size_t spilled;
};

/* MurmurHash64A (Austin Appleby, public domain): fast, well mixed. */
static uint64_t hash64(const char *key, size_t len)
{
    const uint64_t m = 0xc6a4a7935bd1e995ULL;
    const int r = 47;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * m);
    const unsigned char *p = (const unsigned char *)key;
    while (len >= 8) {
        uint64_t k;
        memcpy(&k, p, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
        p += 8;
        len -= 8;
    }
    uint64_t t = 0;
    for (size_t i = 0; i < len; i++)
        t |= (uint64_t)p[i] << (8 * i);
    if (len) {
        h ^= t;
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

ces_status ing_dupes_new(ing_dupes **out)
{
    ing_dupes *dp = calloc(1, sizeof *dp);
    *out = NULL;
    if (!dp || !(dp->buf = malloc(RUN * sizeof *dp->buf))) {
        free(dp);
        return CES_ERR_NOMEM;
    }
    *out = dp;
    return CES_OK;
}

void ing_dupes_reset(ing_dupes *dp)
{
    if (dp->spill)
        fclose(dp->spill);
    dp->spill = NULL;
    dp->n = dp->n_runs = dp->spilled = 0;
}

void ing_dupes_free(ing_dupes *dp)
{
    if (!dp)
        return;
    ing_dupes_reset(dp);
    free(dp->buf);
    free(dp->tmp);
    free(dp);
}

/* LSD radix sort of buf[0..n) by h, 8 bits a pass: stable. */
static ces_status sort_run(ing_dupes *dp)
{
    if (!dp->tmp && !(dp->tmp = malloc(RUN * sizeof *dp->tmp)))
        return CES_ERR_NOMEM;
    fp *a = dp->buf, *b = dp->tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < dp->n; i++)
            count[((a[i].h >> shift) & 0xff) + 1]++;
        for (int k = 0; k < 256; k++)
            count[k + 1] += count[k];
        for (size_t i = 0; i < dp->n; i++)
            b[count[(a[i].h >> shift) & 0xff]++] = a[i];
        fp *t = a;
        a = b;
        b = t;
    }
    return CES_OK; /* eight passes: the result is back in buf */
}

/* A temporary file that is gone once closed. */
static FILE *spill_file(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/cescore-ids.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f)
        close(fd);
    return f;
}

static ces_status spill_run(ing_dupes *dp)
{
    ces_status st = sort_run(dp);
    if (st != CES_OK)
        return st;
    if (!dp->spill && !(dp->spill = spill_file()))
        return CES_ERR_IO;
    if (fwrite(dp->buf, sizeof *dp->buf, dp->n, dp->spill) != dp->n)
        return CES_ERR_IO;
    dp->n_runs++;
    dp->spilled += dp->n;
    dp->n = 0;
    return CES_OK;
}

ces_status ing_dupes_add(ing_dupes *dp, const char *id, long line)
{
    ces_status st = dp->n == RUN ? spill_run(dp) : CES_OK;
    if (st == CES_OK)
        dp->buf[dp->n++] = (fp){hash64(id, strlen(id)), (uint64_t)line};
    return st;
}

/* ---- merging ---- */

typedef struct {
    fp *block;
    size_t pos, len;  /* in block */
    size_t next, end; /* the run's fingerprints still in the file: [next, end) */
} run_head;

typedef struct {
    ing_dupes *dp;
    run_head *runs;
    size_t *heap, n_heap;
    ing_dup_pair *pairs;
    size_t n_pairs, more;
    int io_error;
} merger;

static int refill(merger *m, run_head *r)
{
    size_t want = r->end - r->next < BLOCK ? r->end - r->next : BLOCK;
    if (!want)
        return 0;
    if (fseeko(m->dp->spill, (off_t)(r->next * sizeof(fp)), SEEK_SET) != 0 ||
        fread(r->block, sizeof(fp), want, m->dp->spill) != want) {
        m->io_error = 1;
        return 0;
    }
    r->pos = 0;
    r->len = want;
    r->next += want;
    return 1;
}

static int before(const merger *m, size_t a, size_t b)
{
    const fp *x = &m->runs[a].block[m->runs[a].pos], *y = &m->runs[b].block[m->runs[b].pos];
    return x->h < y->h || (x->h == y->h && x->line < y->line);
}

static void sift_down(merger *m, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, s = i;
        if (l < m->n_heap && before(m, m->heap[l], m->heap[s]))
            s = l;
        if (r < m->n_heap && before(m, m->heap[r], m->heap[s]))
            s = r;
        if (s == i)
            return;
        size_t t = m->heap[i];
        m->heap[i] = m->heap[s];
        m->heap[s] = t;
        i = s;
    }
}

/* The smallest fingerprint left, into *out; 0 when every run is done. */
static int next_fp(merger *m, fp *out)
{
    if (!m->n_heap)
        return 0;
    run_head *r = &m->runs[m->heap[0]];
    *out = r->block[r->pos++];
    if (r->pos == r->len && !refill(m, r))
        m->heap[0] = m->heap[--m->n_heap];
    if (m->n_heap)
        sift_down(m, 0);
    return 1;
}

static ces_status add_pair(merger *m, uint64_t line, uint64_t first)
{
    if (m->n_pairs == ING_DUPES_MAX_PAIRS) {
        m->more++;
        return CES_OK;
    }
    if (m->n_pairs % 256 == 0) {
        ing_dup_pair *p = realloc(m->pairs, (m->n_pairs + 256) * sizeof *p);
        if (!p)
            return CES_ERR_NOMEM;
        m->pairs = p;
    }
    m->pairs[m->n_pairs++] = (ing_dup_pair){(long)line, (long)first};
    return CES_OK;
}

static ces_status merge(merger *m)
{
    ing_dupes *dp = m->dp;
    size_t k = dp->n_runs;
    m->runs = calloc(k ? k : 1, sizeof *m->runs);
    m->heap = calloc(k ? k : 1, sizeof *m->heap);
    if (!m->runs || !m->heap)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < k; i++) {
        run_head *r = &m->runs[i];
        r->next = i * RUN;
        r->end = i + 1 < k ? (i + 1) * RUN : dp->spilled;
        if (!(r->block = malloc(BLOCK * sizeof(fp))))
            return CES_ERR_NOMEM;
        if (refill(m, r))
            m->heap[m->n_heap++] = i;
    }
    for (size_t i = m->n_heap; i-- > 0;)
        sift_down(m, i);
    fp cur, prev = {0, 0};
    int have = 0;
    uint64_t first = 0;
    ces_status st = CES_OK;
    while (st == CES_OK && next_fp(m, &cur)) {
        if (have && cur.h == prev.h)
            st = add_pair(m, cur.line, first);
        else
            first = cur.line;
        prev = cur;
        have = 1;
    }
    return m->io_error ? CES_ERR_IO : st;
}

static int cmp_pair(const void *a, const void *b)
{
    const ing_dup_pair *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Every id fitted in one run: sort it in memory and scan it. */
static ces_status scan_buffer(merger *m)
{
    ing_dupes *dp = m->dp;
    ces_status st = sort_run(dp);
    uint64_t first = 0;
    for (size_t i = 0; st == CES_OK && i < dp->n; i++) {
        if (i && dp->buf[i].h == dp->buf[i - 1].h)
            st = add_pair(m, dp->buf[i].line, first);
        else
            first = dp->buf[i].line;
    }
    return st;
}

ces_status ing_dupes_finish(ing_dupes *dp, ing_dup_pair **pairs, size_t *n, size_t *more)
{
    merger m = {.dp = dp};
    *pairs = NULL;
    *n = *more = 0;
    ces_status st;
    if (!dp->n_runs) {
        st = scan_buffer(&m);
    } else {
        st = dp->n ? spill_run(dp) : CES_OK;
        if (st == CES_OK && fflush(dp->spill) != 0)
            st = CES_ERR_IO;
        if (st == CES_OK)
            st = merge(&m);
    }
    for (size_t i = 0; m.runs && i < dp->n_runs; i++)
        free(m.runs[i].block);
    free(m.runs);
    free(m.heap);
    if (st != CES_OK) {
        free(m.pairs);
        return st;
    }
    if (m.n_pairs)
        qsort(m.pairs, m.n_pairs, sizeof *m.pairs, cmp_pair);
    *pairs = m.pairs;
    *n = m.n_pairs;
    *more = m.more;
    return CES_OK;
}
