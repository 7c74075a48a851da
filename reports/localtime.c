#define _DEFAULT_SOURCE   /* timegm */
#include "localtime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Parses the UTC form mlps writes; 0 on success. */
static int parse_utc(const char *iso, time_t *out)
{
	struct tm tm;
	int n = 0;

	if (!iso || strlen(iso) < 20 || iso[19] != 'Z')
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec, &n) != 6 || n != 20)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

static void local(char *out, size_t size, const char *iso, const char *fmt, size_t fallback)
{
	time_t t;
	struct tm tm;

	if (parse_utc(iso, &t) == 0 && localtime_r(&t, &tm) && strftime(out, size, fmt, &tm))
		return;
	snprintf(out, size, "%.*s", (int)fallback, iso ? iso : "");
}

void mlps_local_date(char out[11], const char *iso)
{
	local(out, 11, iso, "%Y-%m-%d", 10);
}

void mlps_local_datetime(char out[17], const char *iso)
{
	local(out, 17, iso, "%Y-%m-%d %H:%M", 16);
}
