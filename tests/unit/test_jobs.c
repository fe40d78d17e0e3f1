/* The pool of threads (jobs.h): jobs run once each whatever the number of
 * workers, and items made on the pool are used in order, each exactly once,
 * and no further batch is made once a use has asked to stop. */
#include <check.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "cescore/jobs.h"

enum { BATCH = 7 };

typedef struct {
    size_t slot[BATCH]; /* what make left for item i in slot i % BATCH, plus 1 */
    atomic_size_t made;
    size_t used, next, stop_at, fail_at;
    int out_of_order;
} order;

static int make(void *arg, size_t i)
{
    order *o = arg;
    atomic_fetch_add(&o->made, 1);
    if (i == o->fail_at)
        return 1; /* leaves its slot empty */
    o->slot[i % BATCH] = i * i + 1;
    return 0;
}

static int use(void *arg, size_t i)
{
    order *o = arg;
    if (i != o->next++)
        o->out_of_order = 1;
    size_t *s = &o->slot[i % BATCH];
    if (*s && *s != i * i + 1)
        o->out_of_order = 1;
    o->used += *s != 0;
    *s = 0;
    return i == o->stop_at ? 5 : 0;
}

START_TEST(test_in_order)
{
    for (unsigned workers = 1; workers <= 4; workers++) {
        order o = {.stop_at = (size_t)-1, .fail_at = (size_t)-1};
        atomic_init(&o.made, 0);
        ck_assert_int_eq(ces_jobs_in_order(1000, workers, BATCH, make, use, &o), 0);
        ck_assert_int_eq(o.out_of_order, 0);
        ck_assert_uint_eq(o.next, 1000);
        ck_assert_uint_eq(o.used, 1000);
        ck_assert_uint_eq(atomic_load(&o.made), 1000);
    }
    order none = {.stop_at = (size_t)-1, .fail_at = (size_t)-1};
    atomic_init(&none.made, 0);
    ck_assert_int_eq(ces_jobs_in_order(0, 2, BATCH, make, use, &none), 0);
    ck_assert_uint_eq(none.next, 0);
}
END_TEST

START_TEST(test_stop)
{
    for (unsigned workers = 1; workers <= 4; workers++) {
        /* item 30 is in the batch 28..34: that batch is used whole, no later one made */
        order o = {.stop_at = 30, .fail_at = (size_t)-1};
        atomic_init(&o.made, 0);
        ck_assert_int_eq(ces_jobs_in_order(1000, workers, BATCH, make, use, &o), 5);
        ck_assert_int_eq(o.out_of_order, 0);
        ck_assert_uint_eq(o.next, 35);
        ck_assert_uint_eq(atomic_load(&o.made), 35);
        /* a make that fails leaves its item (and those not started) empty,
         * and each is still handed to use, in order */
        order f = {.stop_at = (size_t)-1, .fail_at = 10};
        atomic_init(&f.made, 0);
        ck_assert_int_eq(ces_jobs_in_order(20, workers, BATCH, make, use, &f), 0);
        ck_assert_int_eq(f.out_of_order, 0);
        ck_assert_uint_eq(f.next, 20);
        ck_assert_uint_lt(f.used, 20);
        ck_assert_uint_ge(f.used, 20 - BATCH);
    }
}
END_TEST

static int count(void *arg, size_t i)
{
    atomic_fetch_add((atomic_size_t *)arg + i, 1);
    return 0;
}

START_TEST(test_each_once)
{
    atomic_size_t runs[500];
    for (unsigned workers = 1; workers <= 8; workers *= 2) {
        for (size_t i = 0; i < 500; i++)
            atomic_init(&runs[i], 0);
        ck_assert_uint_ge(ces_jobs_run(500, workers, count, runs), 1);
        for (size_t i = 0; i < 500; i++)
            ck_assert_uint_eq(atomic_load(&runs[i]), 1);
    }
    ck_assert_uint_eq(ces_jobs_parse("2"), 2);
    ck_assert_uint_eq(ces_jobs_parse("0"), 0);
    ck_assert_uint_eq(ces_jobs_parse(" 2"), 0);
    ck_assert_uint_eq(ces_jobs_parse("257"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jobs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_in_order);
    tcase_add_test(tc, test_stop);
    tcase_add_test(tc, test_each_once);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
