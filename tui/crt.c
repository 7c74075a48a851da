/*
 * crt.c - terminal setup and restoration, colours, key reading, resize and
 * signals. The only file that starts or ends curses.
 *
 * Signals: SIGINT, SIGTERM and SIGHUP only set a flag (without SA_RESTART,
 * so a blocked read returns at once). Every answer is already committed
 * when it is acknowledged on screen, so stopping is simply unwinding to
 * crt_done(): nothing is half-written, and the terminal always comes back.
 */
#include "crt.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "usertext.h"

/* Keys are waited for in slices this long, so a missed wake-up costs at most this. */
#define READ_TIMEOUT_MS 1000
/* Reads failing this fast this many times in a row mean the terminal is gone. */
#define FAST_ERROR_MS 50
#define FAST_ERROR_LIMIT 20

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_STOP_SIGNALS (sizeof(stop_signals) / sizeof(stop_signals[0]))

/* A crash still gives the terminal back before the process dies (htop does the same). */
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define N_CRASH_SIGNALS (sizeof(crash_signals) / sizeof(crash_signals[0]))

static SCREEN *screen;
static struct sigaction saved_crash[N_CRASH_SIGNALS];
static bool active, mono, registered;
static struct sigaction saved[N_STOP_SIGNALS];
static volatile sig_atomic_t got_signal;
static int fast_errors;

/* The look of each meaning: colour pair and attributes, and the monochrome fallback. */
static const struct look {
	short fg, bg;           /* -1: the terminal's default */
	attr_t color;           /* attributes added in colour */
	attr_t plain;           /* attributes without colour */
} looks[STYLE_COUNT] = {
	[STYLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[STYLE_HINT] = { -1, -1, A_NORMAL, A_NORMAL },
	[STYLE_HINT_KEY] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[STYLE_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[STYLE_CURSOR_DIM] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_UNDERLINE | A_BOLD },
	[STYLE_HEADING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[STYLE_DIM] = { -1, -1, A_DIM, A_DIM },
	[STYLE_ID] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[STYLE_COMPLIANT] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[STYLE_PARTIAL] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[STYLE_GAP] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[STYLE_NA] = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
	[STYLE_TODO] = { COLOR_BLUE, -1, A_BOLD, A_UNDERLINE },
	[STYLE_UNANSWERED] = { -1, -1, A_DIM, A_DIM },
	[STYLE_HIGH_RISK] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[STYLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_REVERSE },
	[STYLE_DONE] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[STYLE_BAR] = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_NORMAL },
	[STYLE_BAR_EMPTY] = { -1, -1, A_DIM, A_NORMAL },
	[STYLE_FRAME] = { COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[STYLE_INPUT] = { -1, -1, A_UNDERLINE, A_UNDERLINE },
};

static void on_signal(int signo)
{
	got_signal = signo;
}

int crt_signal(void)
{
	return got_signal;
}

/* Chinese is measured by wcwidth(), which needs a UTF-8 LC_CTYPE. */
static void ensure_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
		return;
	if (setlocale(LC_CTYPE, "") && (cs = nl_langinfo(CODESET)) && !strcmp(cs, "UTF-8"))
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/*
 * The program is going down: restore the terminal (not async-signal-safe,
 * but nothing else will run again), put back whatever handled the signal
 * before us (the default, or a sanitizer's report) and let it happen.
 */
static void on_crash(int signo)
{
	size_t i;

	if (active) {
		active = false;
		endwin();
	}
	for (i = 0; i < N_CRASH_SIGNALS; i++)
		if (crash_signals[i] == signo)
			sigaction(signo, &saved_crash[i], NULL);
	raise(signo);
}

static void install_signals(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a read blocked on the keyboard returns at once. */
	sa.sa_flags = 0;
	for (i = 0; i < N_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &sa, &saved[i]);
	sa.sa_handler = on_crash;
	for (i = 0; i < N_CRASH_SIGNALS; i++)
		sigaction(crash_signals[i], &sa, &saved_crash[i]);
}

static void restore_signals(void)
{
	size_t i;

	for (i = 0; i < N_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &saved[i], NULL);
	for (i = 0; i < N_CRASH_SIGNALS; i++)
		sigaction(crash_signals[i], &saved_crash[i], NULL);
}

static void setup_colours(void)
{
	const char *no_color = getenv("NO_COLOR");
	bool defaults;
	int i;

	/* https://no-color.org: present and not empty means no colour. */
	mono = (no_color && *no_color) || !has_colors();
	if (mono)
		return;
	if (start_color() == ERR || COLOR_PAIRS < STYLE_COUNT + 1 || COLORS < 8) {
		mono = true;
		return;
	}
	defaults = use_default_colors() == OK;
	for (i = 0; i < STYLE_COUNT; i++) {
		short fg = looks[i].fg, bg = looks[i].bg;

		if (!defaults) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		init_pair((short)(i + 1), fg, bg);
	}
}

int crt_init(struct mlps_error *err)
{
	const char *term = getenv("TERM");

	if (active)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return mlps_error_set(err, MLPS_ERR_INPUT, "the terminal UI needs a terminal on stdin and "
				      "stdout; use the commands instead (see 'mlps --help')");
	if (!term || !*term)
		return mlps_error_set(err, MLPS_ERR_INPUT, "TERM is not set: cannot drive the terminal");
	ensure_utf8();
	got_signal = 0;
	fast_errors = 0;
	/* Our handlers go in first: curses then leaves SIGINT and SIGTERM alone. */
	install_signals();
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		restore_signals();
		return mlps_error_set(err, MLPS_ERR_INPUT, "TERM=%s: unknown terminal type (no terminfo "
				      "entry); try TERM=xterm-256color", term);
	}
	set_term(screen);
	active = true;
	if (!registered) {
		/* A safety net: whatever path leaves the program, the terminal comes back. */
		atexit(crt_done);
		registered = true;
	}
	cbreak();
	noecho();
	/* Without nl(), Enter reads as '\r' and Ctrl-J as '\n': the editor tells them apart. */
	nonl();
	intrflush(stdscr, FALSE);
	curs_set(0);
	/* Esc alone answers quickly; an arrow key's sequence split by a slow link still reads whole. */
	set_escdelay(50);
	setup_colours();
	return 0;
}

void crt_done(void)
{
	if (!active)
		return;
	active = false;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	restore_signals();
}

bool crt_active(void)
{
	return active;
}

bool crt_mono(void)
{
	return mono;
}

void crt_input(WINDOW *w)
{
	keypad(w, TRUE);
	wtimeout(w, READ_TIMEOUT_MS);
}

static long elapsed_ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000L + (b->tv_nsec - a->tv_nsec) / 1000000L;
}

enum crt_event crt_read(WINDOW *w, int *key)
{
	for (;;) {
		struct timespec t0, t1;
		wint_t wch = 0;
		int rc;

		if (got_signal)
			return CRT_SIGNAL;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = wget_wch(w, &wch);
		if (rc == ERR) {
			if (got_signal)
				return CRT_SIGNAL;
			/*
			 * A timeout takes READ_TIMEOUT_MS; a read that fails at once,
			 * again and again, is a terminal that went away without a SIGHUP.
			 */
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if (elapsed_ms(&t0, &t1) < FAST_ERROR_MS) {
				if (++fast_errors >= FAST_ERROR_LIMIT) {
					got_signal = SIGHUP;
					return CRT_SIGNAL;
				}
			} else {
				fast_errors = 0;
				return CRT_IDLE;
			}
			continue;
		}
		fast_errors = 0;
		if (rc == KEY_CODE_YES) {
			if (wch == KEY_RESIZE)
				return CRT_RESIZE;
			*key = CRT_FKEY(wch);
			return CRT_KEY;
		}
		*key = (int)wch;
		return CRT_KEY;
	}
}

bool crt_too_small(void)
{
	return COLS < CRT_MIN_COLS || LINES < CRT_MIN_LINES;
}

void crt_draw_too_small(enum mlps_lang lang)
{
	struct strbuf msg = STRBUF_INIT, wrapped = STRBUF_INIT;
	const char *line;
	int y = 0, width = COLS > 2 ? COLS - 2 : 1;

	if (lang == MLPS_LANG_EN)
		strbuf_addf(&msg, "Terminal too small: %dx%d. mlps needs at least %dx%d.\n"
			    "Enlarge the window to go on, or press Ctrl-C to quit. Nothing is lost.",
			    COLS, LINES, CRT_MIN_COLS, CRT_MIN_LINES);
	else
		strbuf_addf(&msg, "终端太小：%dx%d。mlps 至少需要 %dx%d。\n"
			    "请放大窗口后继续，或按 Ctrl-C 退出。已保存的答案不会丢失。",
			    COLS, LINES, CRT_MIN_COLS, CRT_MIN_LINES);
	mlps_utf8_wrap(&wrapped, msg.buf, (size_t)width, 0, 0);
	werase(stdscr);
	line = wrapped.buf;
	while (*line && y < LINES) {
		size_t len = strcspn(line, "\n");
		char *copy = mlps_strndup(line, len);

		crt_put(stdscr, y, 1, width, y == 0 ? STYLE_ERROR : STYLE_NORMAL, copy);
		y++;
		free(copy);
		line += len;
		if (*line == '\n')
			line++;
	}
	wnoutrefresh(stdscr);
	doupdate();
	strbuf_release(&msg);
	strbuf_release(&wrapped);
}

void crt_set(WINDOW *w, enum crt_style st)
{
	const struct look *l = &looks[st];

	if (mono)
		wattrset(w, (int)l->plain);
	else
		wattrset(w, (int)(l->color | COLOR_PAIR(st + 1)));
}

enum crt_style crt_status_style(enum mlps_status st)
{
	switch (st) {
	case MLPS_ST_COMPLIANT:
		return STYLE_COMPLIANT;
	case MLPS_ST_PARTIAL:
		return STYLE_PARTIAL;
	case MLPS_ST_NONCOMPLIANT:
		return STYLE_GAP;
	case MLPS_ST_NA:
		return STYLE_NA;
	case MLPS_ST_TODO:
		return STYLE_TODO;
	default:
		return STYLE_UNANSWERED;
	}
}

/*
 * The longest prefix of s that fits in `width` columns, with control
 * characters shown as \xNN (usertext.h), appended to out. Returns its width.
 */
static int clip(struct strbuf *out, const char *s, int width)
{
	size_t len = strlen(s), i = 0;
	int used = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = mlps_utf8_decode(s + i, len - i, &cp);
		int w;

		if (!n)
			break;
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			/* Shown as \xNN, never sent raw: an ESC in a note must not drive the terminal. */
			if (used + 4 > width)
				break;
			strbuf_add_visible(out, s + i, n, 0);
			used += 4;
		} else {
			w = mlps_cp_width(cp);
			if (used + w > width)
				break;
			if (cp == 0xFFFD && n == 1)
				strbuf_adds(out, "\xEF\xBF\xBD");
			else
				strbuf_add(out, s + i, n);
			used += w;
		}
		i += n;
	}
	return used;
}

int crt_put(WINDOW *w, int y, int x, int width, enum crt_style st, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int used;

	if (width <= 0 || !s)
		return 0;
	used = clip(&sb, s, width);
	crt_set(w, st);
	mvwaddnstr(w, y, x, sb.buf, (int)sb.len);
	crt_set(w, STYLE_NORMAL);
	strbuf_release(&sb);
	return used;
}

int crt_put_right(WINDOW *w, int y, int x, int width, enum crt_style st, const char *s)
{
	int sw = (int)mlps_utf8_width(s);

	if (sw > width)
		return crt_put(w, y, x, width, st, s);
	return crt_put(w, y, x + width - sw, sw, st, s);
}

void crt_fill(WINDOW *w, int y, int x, int width, enum crt_style st)
{
	if (width <= 0)
		return;
	crt_set(w, st);
	mvwhline(w, y, x, ' ', width);
	crt_set(w, STYLE_NORMAL);
}

void crt_bar(WINDOW *w, int y, int x, int width, double pct)
{
	int full;

	if (width <= 0)
		return;
	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	full = (int)(pct * width / 100.0 + 0.5);
	/* Plain ASCII: block glyphs are "ambiguous width" and break CJK terminals. */
	crt_set(w, STYLE_BAR);
	mvwhline(w, y, x, mono ? '#' : ' ', full);
	crt_set(w, STYLE_BAR_EMPTY);
	mvwhline(w, y, x + full, '.', width - full);
	crt_set(w, STYLE_NORMAL);
}

void crt_box(WINDOW *w)
{
	crt_set(w, STYLE_FRAME);
	box(w, 0, 0);
	crt_set(w, STYLE_NORMAL);
}
