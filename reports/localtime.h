/*
 * localtime.h - timestamps for people. mlps stores and exports times in UTC
 * (ISO 8601 with Z); everything laid out for people (the UI, text, Markdown,
 * HTML, PDF and XLSX reports, list and history) shows them in the local
 * time zone (TZ), so a report made at 05:40 in Beijing carries that day.
 * It lives in reports/ (how things are shown, not what they are); the UI
 * and the CLI reach it through the reports library.
 */
#ifndef MLPS_LOCALTIME_H
#define MLPS_LOCALTIME_H

/*
 * "2026-03-01T21:40:00Z" -> "2026-03-02" (TZ=Asia/Shanghai) into out (11
 * bytes). A value that is not such a timestamp is copied as its first ten
 * characters, so dates typed by people (YYYY-MM-DD) pass unchanged.
 */
void mlps_local_date(char out[11], const char *iso);
/* The same with the time of day: "2026-03-02 05:40" into out (17 bytes). */
void mlps_local_datetime(char out[17], const char *iso);

#endif
