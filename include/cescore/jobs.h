/* A small pool of threads for independent jobs: the per-company scorecards
 * are written, and the companies' text of the results JSON and of the
 * canonical run text is built, on the available cores. Each job writes only its own output;
 * what they report is gathered by the caller in the jobs' order, so that
 * nothing a command prints or writes depends on the number of workers. */
#ifndef CESCORE_JOBS_H
#define CESCORE_JOBS_H

#include <stddef.h>

/* The most workers a command takes (CESCORE_JOBS). */
#define CES_JOBS_MAX 256

/* The processors this process may run on, at least 1 and at most CES_JOBS_MAX. */
unsigned ces_jobs_available(void);

/* A worker count written as a decimal number from 1 to CES_JOBS_MAX; 0 when
 * text is anything else (empty, a sign, spaces, another character). */
unsigned ces_jobs_parse(const char *text);

/* One job: returns 0 when done, anything else to stop the jobs not yet started. */
typedef int (*ces_job_fn)(void *arg, size_t i);

/* Run job(arg, i) for i = 0 .. n-1 on up to `workers` threads, the calling
 * thread being one of them, and return when every job started has ended.
 * Jobs start in the order of i, each at most once; after a job returned
 * non-zero no further job starts (those running finish), so every job
 * before the first that failed has run. The other threads never receive
 * SIGINT, SIGTERM or SIGHUP: the calling thread's handler (outputs.h)
 * removes the temporaries and ends the process. workers 0 counts as 1; a
 * thread that cannot be started leaves its share to the others. Returns
 * the number of threads that worked. */
unsigned ces_jobs_run(size_t n, unsigned workers, ces_job_fn job, void *arg);

/* Items 0 .. n-1 made on the pool and used in order: a batch of at most
 * `batch` items at a time is made, make(arg, i) as a job of ces_jobs_run,
 * then use(arg, i) is called for each of them in the order of i on the
 * calling thread. Every item of a batch is used, whether or not its make
 * ran or failed (use finds what make left in the caller's slot for i, the
 * slot i % batch, and empties it), so that use can free what was made.
 * After a use returned non-zero no further batch is made; that value is
 * returned, else 0. What the caller writes thus never depends on the
 * number of workers. */
int ces_jobs_in_order(size_t n, unsigned workers, size_t batch, ces_job_fn make, ces_job_fn use,
                      void *arg);

#endif
