/* Doubles as text without printf (numtext.h): byte for byte what glibc's
 * snprintf writes with "%.15g", "%.16g" and "%.17g", and the first of them
 * that strtod reads back as the same double, on millions of doubles of every
 * kind from a fixed seed. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/numtext.h"

/* ---- the reference and the comparison ---- */

typedef struct {
    long checked, failed;
    char first[200]; /* the first difference */
} tally;

static void differs(tally *t, const char *what, double v, const char *got, const char *want)
{
    if (t->failed++ == 0)
        snprintf(t->first, sizeof t->first, "%s of %a (%.17g): \"%s\", not \"%s\"", what, v, v, got,
                 want);
}

/* v's three "%.Ng" and its shortest text against printf's and strtod's. */
static void check_value(tally *t, double v)
{
    static const char *const NAME[] = {"%.15g", "%.16g", "%.17g"};
    char want[3][32], got[32];
    for (int i = 0; i < 3; i++) {
        int n = snprintf(want[i], sizeof want[i], "%.*g", 15 + i, v);
        size_t len = ces_g_text(v, 15 + i, got);
        if (len != (size_t)n || strcmp(got, want[i]))
            differs(t, NAME[i], v, got, want[i]);
    }
    int i = 0;
    while (i < 2 && strtod(want[i], NULL) != v)
        i++;
    size_t len = ces_shortest_text(v, got);
    if (len != strlen(want[i]) || strcmp(got, want[i]))
        differs(t, "shortest", v, got, want[i]);
    t->checked++;
}

static void check_both_signs(tally *t, double v)
{
    check_value(t, v);
    check_value(t, -v);
}

static void assert_none_differ(const tally *t, long at_least)
{
    ck_assert_msg(t->failed == 0, "%ld of %ld values differ; the first: %s", t->failed, t->checked,
                  t->first);
    ck_assert_msg(t->checked >= at_least, "only %ld values checked", t->checked);
}

/* ---- a fixed sequence of pseudo-random numbers (splitmix64), one a thread ---- */

static _Thread_local unsigned long long state;

static unsigned long long next_random(void)
{
    unsigned long long z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned long long below(unsigned long long n) { return next_random() % n; }

static double from_bits(unsigned long long bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* A double of the given binary exponent, its 52 fraction bits random. */
static double with_exponent(int exponent)
{
    return from_bits((unsigned long long)(exponent + 1023) << 52 | (next_random() >> 12));
}

/* ---- the random cases, each on two threads ---- */

typedef void generator(tally *t, long n);

typedef struct {
    generator *gen;
    unsigned long long seed;
    long n;
    tally t;
} share;

static void *run_share(void *arg)
{
    share *s = arg;
    state = s->seed;
    s->gen(&s->t, s->n);
    return NULL;
}

/* n rounds of gen from the seed, the second half on a thread of its own (from
 * the next seed): none differs, and at least at_least values were checked. */
static void run_halves(generator *gen, unsigned long long seed, long n, long at_least)
{
    share s[2] = {{gen, seed, n / 2, {0}}, {gen, seed + 1, n - n / 2, {0}}};
    pthread_t second;
    int threaded = pthread_create(&second, NULL, run_share, &s[1]) == 0;
    run_share(&s[0]);
    if (threaded)
        pthread_join(second, NULL);
    else
        run_share(&s[1]);
    tally t = s[0].t.failed ? s[0].t : s[1].t;
    t.checked = s[0].t.checked + s[1].t.checked;
    t.failed = s[0].t.failed + s[1].t.failed;
    assert_none_differ(&t, at_least);
}

/* Every bit pattern: every exponent, subnormals, nan and inf included. */
static void random_bits(tally *t, long n)
{
    for (long i = 0; i < n; i++)
        check_value(t, from_bits(next_random()));
}

START_TEST(test_random_bits) { run_halves(random_bits, 1, 40000, 40000); }
END_TEST

/* What the engine writes most: figures of 1 to 6 decimals (k/100, k/10000),
 * amounts, rates and scores, as computed in double. */
static void decimals(tally *t, long n)
{
    static const double SCALE[] = {10, 100, 1000, 10000, 100000, 1000000};
    static const unsigned long long RANGE[] = {100, 10000, 1000000, 100000000, 10000000000000ull};
    for (long i = 0; i < n; i++) {
        double k = (double)below(RANGE[below(5)]), s = SCALE[below(6)];
        check_both_signs(t, k / s);
        check_value(t, k / s * 100 / (double)(below(1000) + 1)); /* a rate of it */
    }
}

START_TEST(test_decimals) { run_halves(decimals, 2, 100000, 300000); }
END_TEST

/* Every binade from 1e-9 to 1e17, each value's bits random. */
static void binades(tally *t, long n)
{
    for (long i = 0; i < n; i++)
        check_both_signs(t, with_exponent(-30 + (int)below(87)));
}

START_TEST(test_binades) { run_halves(binades, 3, 100000, 200000); }
END_TEST

/* Decimals of 1 to 15 digits, read by strtod: they come back at 15 digits. */
static void short_decimals(tally *t, long n)
{
    char text[48];
    for (long i = 0; i < n; i++) {
        int digits = 1 + (int)below(15);
        unsigned long long k = 1 + below((unsigned long long)pow(10, digits));
        snprintf(text, sizeof text, "%llue%d", k, (int)below(28) - 20);
        check_value(t, strtod(text, NULL));
    }
}

START_TEST(test_short_decimals) { run_halves(short_decimals, 4, 100000, 100000); }
END_TEST

/* Decimals of 16 to 18 digits whose last is 5, or that end in 4999 or 5000...1,
 * read by strtod: the doubles nearest the points where printf's rounding to
 * 15, 16 or 17 digits turns, and where the shortest text changes. */
static void near_halfway(tally *t, long n)
{
    static const char *const TAIL[] = {"5", "49999", "50001", "4", "6"};
    char text[64];
    for (long i = 0; i < n; i++) {
        int digits = 15 + (int)below(3);
        unsigned long long k = (unsigned long long)pow(10, digits - 1);
        k += below(9 * k);
        snprintf(text, sizeof text, "%llu%se%d", k, TAIL[below(5)], (int)below(30) - 30);
        check_both_signs(t, strtod(text, NULL));
    }
}

START_TEST(test_near_halfway) { run_halves(near_halfway, 5, 70000, 140000); }
END_TEST

/* Exact ties: integers and eighths from 1e13 to 2^53, dyadic fractions. */
static void exact_ties(tally *t, long n)
{
    for (long i = 0; i < n; i++) {
        double whole = (double)(10000000000000ull + below(9007199254740992ull - 10000000000000ull) / 8);
        check_both_signs(t, whole + (double)below(8) / 8);
        check_value(t, ldexp((double)(below(1u << 20) | 1), -(int)below(64)));
    }
}

START_TEST(test_exact_ties) { run_halves(exact_ties, 6, 40000, 120000); }
END_TEST

/* Powers of ten and of two and the doubles some ulps either side: every
 * power of two from 2^-40 to 2^60, so every one that is not left to printf
 * (from about 1e-8 to 1e17), the only doubles whose lower neighbour is half
 * an ulp away. */
START_TEST(test_near_powers)
{
    tally t = {0};
    char text[16];
    for (int j = -12; j <= 24; j++) {
        snprintf(text, sizeof text, "1e%d", j);
        double p = strtod(text, NULL), up = p, down = p;
        for (int u = 0; u < 800; u++) {
            check_both_signs(&t, up);
            check_value(&t, down);
            up = nextafter(up, INFINITY);
            down = nextafter(down, 0);
        }
    }
    for (int j = -40; j <= 60; j++) {
        double p = ldexp(1, j), up = p, down = p;
        for (int u = 0; u < 200; u++) {
            check_both_signs(&t, up);
            check_both_signs(&t, down);
            up = nextafter(up, INFINITY);
            down = nextafter(down, 0);
        }
    }
    assert_none_differ(&t, 160000);
}
END_TEST

/* Halves and other exact ties by hand, the extremes, zero, nan and inf. */
START_TEST(test_special_values)
{
    static const double V[] = {0.5,
                               0.125,
                               2.5e-1,
                               1.5,
                               1e15 + 0.5,
                               1e15 - 0.5,
                               999999999999999.5,
                               9999999999999999.0,
                               9.9999999999999999e-5,
                               9.999999999999999e-5,
                               1e-4,
                               1e-5,
                               1e16,
                               1e17,
                               1e22,
                               1e23,
                               0.1,
                               0.2,
                               0.3,
                               0.1 + 0.2,
                               0.7 + 0.1,
                               1.0 / 3,
                               2.0 / 3,
                               9007199254740992.0,
                               9007199254740993.0,
                               4503599627370495.5,
                               123456789012345.67,
                               DBL_MIN,
                               DBL_MAX,
                               DBL_TRUE_MIN,
                               DBL_EPSILON,
                               DBL_MIN / 2,
                               DBL_MIN - DBL_TRUE_MIN,
                               0.0,
                               -0.0,
                               INFINITY,
                               NAN};
    tally t = {0};
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++)
        check_both_signs(&t, V[i]);
    assert_none_differ(&t, 2 * (long)(sizeof V / sizeof V[0]));
    char out[32];
    ck_assert_uint_eq(ces_g_text(0.1, 17, out), 19);
    ck_assert_str_eq(out, "0.10000000000000001");
    ck_assert_uint_eq(ces_shortest_text(0.1 + 0.2, out), 19);
    ck_assert_str_eq(out, "0.30000000000000004");
    ck_assert_uint_eq(ces_shortest_text(-2.5e-7, out), 8);
    ck_assert_str_eq(out, "-2.5e-07");
    ck_assert_uint_eq(ces_shortest_text(999999999999999.9, out), 17);
    ck_assert_str_eq(out, "999999999999999.9");
}
END_TEST

static Suite *numtext_suite(void)
{
    Suite *s = suite_create("numtext");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_random_bits);
    tcase_add_test(tc, test_decimals);
    tcase_add_test(tc, test_binades);
    tcase_add_test(tc, test_short_decimals);
    tcase_add_test(tc, test_near_halfway);
    tcase_add_test(tc, test_exact_ties);
    tcase_add_test(tc, test_near_powers);
    tcase_add_test(tc, test_special_values);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(numtext_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
