#include "grading.h"

#include <stdlib.h>
#include <string.h>

#include "assessment.h"

/* GB/T 22240-2020, table 2: rows are the object harmed, columns the degree. */
static const int matrix[MLPS_OBJ_COUNT][MLPS_HARM_COUNT] = {
	{ 1, 2, 2 },
	{ 2, 3, 4 },
	{ 3, 4, 5 },
};

static const char *const object_names[MLPS_OBJ_COUNT] = { "citizen", "society", "nation" };
static const char *const harm_names[MLPS_HARM_COUNT] = { "general", "serious", "especially-serious" };
static const char *const object_labels[MLPS_OBJ_COUNT][2] = {
	{ "公民、法人和其他组织的合法权益", "rights of citizens, legal persons and organisations" },
	{ "社会秩序、公共利益", "social order and public interest" },
	{ "国家安全", "national security" },
};
static const char *const harm_labels[MLPS_HARM_COUNT][2] = {
	{ "一般损害", "general harm" },
	{ "严重损害", "serious harm" },
	{ "特别严重损害", "especially serious harm" },
};

int mlps_grade_level(enum mlps_harmed obj, enum mlps_harm harm)
{
	if ((unsigned)obj >= MLPS_OBJ_COUNT || (unsigned)harm >= MLPS_HARM_COUNT)
		return 0;
	return matrix[obj][harm];
}

int mlps_grade_parse(const char *s, enum mlps_harmed *obj, enum mlps_harm *harm)
{
	const char *colon = strchr(s, ':');
	int i, o = -1, h = -1;

	if (!colon)
		return -1;
	for (i = 0; i < MLPS_OBJ_COUNT; i++)
		if (strlen(object_names[i]) == (size_t)(colon - s) && !strncmp(s, object_names[i], (size_t)(colon - s)))
			o = i;
	for (i = 0; i < MLPS_HARM_COUNT; i++)
		if (!strcmp(colon + 1, harm_names[i]))
			h = i;
	if (o < 0 || h < 0)
		return -1;
	*obj = (enum mlps_harmed)o;
	*harm = (enum mlps_harm)h;
	return 0;
}

const char *mlps_object_name(enum mlps_harmed obj)
{
	return (unsigned)obj < MLPS_OBJ_COUNT ? object_names[obj] : "?";
}

const char *mlps_harm_name(enum mlps_harm harm)
{
	return (unsigned)harm < MLPS_HARM_COUNT ? harm_names[harm] : "?";
}

const char *mlps_object_label(enum mlps_harmed obj, int en)
{
	return (unsigned)obj < MLPS_OBJ_COUNT ? object_labels[obj][en != 0] : "?";
}

const char *mlps_harm_label(enum mlps_harm harm, int en)
{
	return (unsigned)harm < MLPS_HARM_COUNT ? harm_labels[harm][en != 0] : "?";
}

void mlps_grade_notation(struct strbuf *out, int s, int a, int g)
{
	if (s > 0 && a > 0)
		strbuf_addf(out, "S%dA%dG%d", s, a, g);
	else
		strbuf_addf(out, "G%d", g);
}

bool mlps_grade_filing_required(int level)
{
	return level >= 2;
}

int mlps_evaluation_months(int level)
{
	return level == 3 ? 12 : level >= 4 ? 6 : 0;
}

int mlps_next_evaluation(int level, const char *last, char out[11])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int months = mlps_evaluation_months(level), y, m, d, dim;

	if (!months || !last || !mlps_date_valid(last))
		return -1;
	y = atoi(last);
	m = atoi(last + 5) + months;
	d = atoi(last + 8);
	while (m > 12) {
		m -= 12;
		y++;
	}
	dim = days[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
	if (d > dim)
		d = dim;
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}
