/* The official working-day calendar (docs/method.md §6.6): for each year a
 * file of config/calendar/ lists the days off the State Council announced and
 * the make-up working days (调休) that fall on weekends. A day is a working
 * day when it is Monday to Friday and not a day off, or when it is a make-up
 * working day. Deadlines of case-level complaints are counted on it; a year
 * without its file is never guessed from the weekdays. */
#ifndef CESCORE_CALENDAR_H
#define CESCORE_CALENDAR_H

#include <stddef.h>

#include "cescore/diag.h"
#include "cescore/status.h"

typedef struct {
    int first_year, n_years; /* the years the files span */
    unsigned char *has_year; /* has_year[y - first_year]: that year's file was read */
    int *off, *work;         /* days off and make-up working days (ces_day_number), sorted */
    size_t n_off, n_work;
    char *source; /* where it came from: the directory, or "run N" */
    char *text;   /* the calendar as a run records it (docs/method.md §6.6) */
    size_t text_len;
    char sha256[65]; /* of text */
} ces_calendar;

/* One calendar file as read: its name ("2024.json") and bytes. */
typedef struct {
    const char *name;
    const char *text;
    size_t len;
} ces_calendar_file;

/* The files of a calendar directory, in any order, as one calendar: each
 * file is checked (a JSON object named YYYY.json whose "year" is YYYY, a
 * "source" notice, "off" ranges and "work" days that are Saturdays or
 * Sundays and no day off), then the recorded text is composed from their
 * bytes in year order and parsed as ces_calendar_parse does. Problems name
 * "dir/YYYY.json" and the key. CES_ERR_INVALID (see d), CES_ERR_NOMEM. */
ces_status ces_calendar_compose(const ces_calendar_file *files, size_t n, const char *dir,
                                ces_calendar *out, ces_diags *d);
/* A calendar from its recorded text (a run's); source names it in problems. */
ces_status ces_calendar_parse(const char *text, size_t len, const char *source, ces_calendar *out,
                              ces_diags *d);
void ces_calendar_free(ces_calendar *c);

/* 1 when year's file is part of the calendar. */
int ces_calendar_has_year(const ces_calendar *c, int year);
/* 1 when the day (ces_day_number) is a working day. */
int ces_calendar_is_working_day(const ces_calendar *c, int day);

/* Dates: YYYYMMDD <-> days since 1970-01-01 (proleptic Gregorian). */
int ces_day_number(int yyyymmdd);
int ces_day_date(int day);
/* 0 = Monday ... 6 = Sunday. */
int ces_day_weekday(int day);

#endif
