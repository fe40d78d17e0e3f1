/* The pool of threads of jobs.h: the jobs' next index is taken under no
 * lock (an atomic counter), so they start in order whichever thread takes
 * them. */
#ifdef __linux__
#define _GNU_SOURCE /* sched_getaffinity: the processors this process may run on */
#endif
#include "cescore/jobs.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#endif

unsigned ces_jobs_available(void)
{
    long n = 0;
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        n = CPU_COUNT(&set);
#endif
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > CES_JOBS_MAX ? CES_JOBS_MAX : (unsigned)n;
}

unsigned ces_jobs_parse(const char *text)
{
    unsigned n = 0;
    if (!text || !*text)
        return 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        n = n * 10 + (unsigned)(*p - '0');
        if (n > CES_JOBS_MAX)
            return 0;
    }
    return n;
}

typedef struct {
    size_t n;
    ces_job_fn job;
    void *arg;
    atomic_size_t next;
    atomic_int stop;
} pool;

static void work(pool *p)
{
    while (!atomic_load(&p->stop)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        if (p->job(p->arg, i) != 0)
            atomic_store(&p->stop, 1);
    }
}

static void *worker(void *arg)
{
    work(arg);
    return NULL;
}

unsigned ces_jobs_run(size_t n, unsigned workers, ces_job_fn job, void *arg)
{
    pool p = {.n = n, .job = job, .arg = arg};
    atomic_init(&p.next, 0);
    atomic_init(&p.stop, 0);
    if (workers < 1)
        workers = 1;
    if (workers > CES_JOBS_MAX)
        workers = CES_JOBS_MAX;
    if (workers > n)
        workers = n ? (unsigned)(n < CES_JOBS_MAX ? n : CES_JOBS_MAX) : 1;
    pthread_t tid[CES_JOBS_MAX];
    unsigned started = 0;
    if (workers > 1) {
        /* the new threads inherit the mask: the handled signals reach the
         * calling thread only */
        sigset_t s, old;
        sigemptyset(&s);
        sigaddset(&s, SIGINT);
        sigaddset(&s, SIGTERM);
        sigaddset(&s, SIGHUP);
        pthread_sigmask(SIG_BLOCK, &s, &old);
        while (started < workers - 1 && pthread_create(&tid[started], NULL, worker, &p) == 0)
            started++;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    work(&p);
    for (unsigned k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    return started + 1;
}

/* The batch [first, first + n) of ces_jobs_in_order, for ces_jobs_run. */
typedef struct {
    size_t first;
    ces_job_fn make;
    void *arg;
} batch_jobs;

static int make_one(void *arg, size_t k)
{
    batch_jobs *b = arg;
    return b->make(b->arg, b->first + k);
}

int ces_jobs_in_order(size_t n, unsigned workers, size_t batch, ces_job_fn make, ces_job_fn use,
                      void *arg)
{
    int stop = 0;
    if (batch < 1)
        batch = 1;
    for (size_t first = 0; !stop && first < n; first += batch) {
        size_t m = n - first < batch ? n - first : batch;
        batch_jobs b = {first, make, arg};
        ces_jobs_run(m, workers, make_one, &b);
        for (size_t k = 0; k < m; k++) {
            int r = use(arg, first + k);
            if (!stop)
                stop = r;
        }
    }
    return stop;
}

/* libxlsxwriter (1.1.4) stamps each workbook's creation time through
 * gmtime(), whose single static result the scorecards' threads would share:
 * the same time in every one, but a data race all the same (ThreadSanitizer
 * reports it). This program's gmtime, which the library's call binds to,
 * keeps one result per thread; the C library's own is left alone. */
struct tm *gmtime(const time_t *t)
{
    static _Thread_local struct tm result;
    return gmtime_r(t, &result);
}
