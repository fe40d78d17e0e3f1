/* Doubles as "%.15g" to "%.17g" text with exact integer arithmetic
 * (numtext.h).
 *
 * A normal double is v = m * 2^e with m < 2^53 an integer. For P significant
 * digits and x = floor(log10 |v|), s = P - 1 - x: |v| * 10^s = m * 10^s / 2^-e
 * is computed exactly in 128 bits; its integer part has P digits, and the
 * remainder says which way printf rounds it (to nearest) and how far the
 * P-digit decimal lies from v, hence whether strtod reads it back as v (it
 * rounds to nearest, a tie to the even mantissa). printf writes the text of
 * zero, subnormals, nan and inf, of |v| outside [10^(P-23), 10^P), where s is
 * negative or m * 10^s does not fit in 128 bits (1e-8 to 1e15 for 15 digits,
 * 1e-6 to 1e17 for 17), and of an exact tie, whose rounding is left to
 * printf's own rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/numtext.h"

__extension__ typedef unsigned __int128 u128;

/* The largest s: 10^22 * 2^53 < 2^127. */
#define MAX_SCALE 22
#define E19 10000000000000000000ull

static const u128 POW10[MAX_SCALE + 1] = {1ull,
                                          10ull,
                                          100ull,
                                          1000ull,
                                          10000ull,
                                          100000ull,
                                          1000000ull,
                                          10000000ull,
                                          100000000ull,
                                          1000000000ull,
                                          10000000000ull,
                                          100000000000ull,
                                          1000000000000ull,
                                          10000000000000ull,
                                          100000000000000ull,
                                          1000000000000000ull,
                                          10000000000000000ull,
                                          100000000000000000ull,
                                          1000000000000000000ull,
                                          E19,
                                          (u128)E19 * 10,
                                          (u128)E19 * 100,
                                          (u128)E19 * 1000};

/* |v| rounded to P significant digits: q (10^(P-1) <= q < 10^P) times
 * 10^(x-P+1), and whether strtod reads that decimal back as v. */
typedef struct {
    unsigned long long q;
    int x;
    int reads_back;
} decimal;

enum { FITS, X_LOW, X_HIGH, NO_FAST };

/* Whether the decimal dist away from m * 2^e (below it unless above), in units
 * of which an ulp of v is ulp, is read back as v: it is within half an ulp, a
 * tie going to the even mantissa; below a power of two the double under v is
 * half an ulp away (unless it is subnormal), and a tie there goes to v. */
static int reads_back(unsigned long long m, int e, u128 dist, int above, u128 ulp)
{
    if (!above && m == 1ull << 52 && e > -1074)
        return 4 * dist <= ulp;
    return 2 * dist < ulp || (2 * dist == ulp && m % 2 == 0);
}

/* m * 2^e (a normal double's) to p digits on the guess x of its decimal
 * exponent: FITS with *d filled, X_LOW or X_HIGH when x is one too low or too
 * high, NO_FAST when the arithmetic does not fit or the digits are a tie. */
static int scaled(unsigned long long m, int e, int p, int x, decimal *d)
{
    int s = p - 1 - x;
    if (s < 0 || s > MAX_SCALE)
        return NO_FAST;
    u128 one = 1, n, rem = 0; /* |v| * 10^s = n + rem / 2^k */
    int k = e < 0 ? -e : 0;
    if (e > 0) {
        if (e > 11 || s > 19) /* m << e < 2^64 and 10^s < 2^64 */
            return NO_FAST;
        n = (u128)(m << e) * POW10[s];
    } else {
        if (k > 126) /* 4 * dist below stays under 2^128 */
            return NO_FAST;
        u128 all = (u128)m * POW10[s]; /* < 2^53 * 2^74 */
        n = all >> k;
        rem = all & ((one << k) - 1);
    }
    if (n >= POW10[p])
        return X_LOW;
    if (n < POW10[p - 1])
        return X_HIGH;
    u128 dist = rem;
    int above = 0;
    if (k > 0) {
        u128 half = one << (k - 1);
        if (rem == half)
            return NO_FAST;
        above = rem > half;
        if (above) {
            n++;
            dist = (one << k) - rem;
        }
    }
    d->reads_back = reads_back(m, e, dist, above, POW10[s]);
    if (n == POW10[p]) { /* 99...9.5 and up: 10^P */
        n = POW10[p - 1];
        x++;
    }
    d->q = (unsigned long long)n;
    d->x = x;
    return FITS;
}

/* v's p digits without printf: 1, or 0 when printf must write them. */
static int decimal_of(double v, int p, decimal *d)
{
    unsigned long long bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7ff);
    if (biased == 0 || biased == 0x7ff)
        return 0; /* zero, subnormal, nan, inf */
    unsigned long long m = (bits & ((1ull << 52) - 1)) | 1ull << 52;
    int e = biased - 1075;
    /* floor(log10 2^(e+52)) or one less: |v| lies in [2^(e+52), 2^(e+53)) */
    int x = ((e + 52 + 4096) * 1233 >> 12) - 1233;
    for (int tries = 0; tries < 3; tries++) {
        switch (scaled(m, e, p, x, d)) {
        case FITS: return 1;
        case X_LOW: x++; break;
        case X_HIGH: x--; break;
        default: return 0;
        }
    }
    return 0;
}

/* The text "%.*g" writes of d with p digits: exponent form when x < -4 or
 * x >= p, trailing zeros of the fraction and a trailing '.' dropped. */
static size_t layout(int negative, const decimal *d, int p, char out[32])
{
    char digit[20];
    unsigned long long q = d->q;
    for (int i = p - 1; i >= 0; i--) {
        digit[i] = (char)('0' + q % 10);
        q /= 10;
    }
    int nd = p, x = d->x;
    while (nd > 1 && digit[nd - 1] == '0')
        nd--;
    char *o = out;
    if (negative)
        *o++ = '-';
    if (x < -4 || x >= p) {
        *o++ = digit[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digit + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        *o++ = 'e';
        *o++ = x < 0 ? '-' : '+';
        int ax = abs(x);
        if (ax >= 100)
            *o++ = (char)('0' + ax / 100);
        *o++ = (char)('0' + ax / 10 % 10);
        *o++ = (char)('0' + ax % 10);
    } else if (x >= 0) {
        memcpy(o, digit, (size_t)x + 1); /* the integer part, its zeros kept */
        o += x + 1;
        if (nd > x + 1) {
            *o++ = '.';
            memcpy(o, digit + x + 1, (size_t)(nd - x - 1));
            o += nd - x - 1;
        }
    } else {
        memcpy(o, "0.0000", (size_t)(1 - x));
        o += 1 - x;
        memcpy(o, digit, (size_t)nd);
        o += nd;
    }
    *o = '\0';
    return (size_t)(o - out);
}

static size_t printed(double v, int digits, char out[32])
{
    int n = snprintf(out, 32, "%.*g", digits, v);
    return n < 0 ? 0 : n < 32 ? (size_t)n : 31;
}

size_t ces_g_text(double v, int digits, char out[32])
{
    decimal d;
    if (digits >= 15 && digits <= 17 && decimal_of(v, digits, &d))
        return layout(v < 0, &d, digits, out);
    return printed(v, digits, out);
}

/* The reference: printf's text, read back by strtod. */
static size_t shortest_printed(double v, char out[32])
{
    size_t n = 0;
    for (int digits = 15; digits <= 17; digits++) {
        n = printed(v, digits, out);
        if (strtod(out, NULL) == v)
            break;
    }
    return n;
}

size_t ces_shortest_text(double v, char out[32])
{
    decimal d;
    int digits = 15;
    for (; digits <= 17; digits++) {
        if (!decimal_of(v, digits, &d))
            return shortest_printed(v, out);
        if (d.reads_back)
            break;
    }
    return layout(v<0, &d, digits> 17 ? 17 : digits, out);
}
