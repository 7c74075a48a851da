/*
 * wizard.c - a new assessment: the system's name and organisation, its
 * level (typed, or found with the GB/T 22240 grading: object harmed x
 * degree of harm, for business information S and system service A, which
 * shows the S?A?G? result as it changes), the extensions, and the system
 * properties that high-risk scenarios depend on.
 *
 * The form is a column of fields with one cursor. Text fields are edited
 * in place; the first one opens for typing at once, and Enter moves on to
 * the next, so a new assessment with a typed level takes only its name,
 * Enter, Enter, a digit and Ctrl-D. The objects (测评对象: servers,
 * databases, rooms ...) are an optional last step, passed over with one
 * key; the system object is added by the store anyway. The assessment is
 * created through the store and replaced by its questionnaire.
 */
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "editor.h"
#include "grading.h"
#include "screen.h"
#include "utf8.h"

enum field {
	F_NAME = 0,
	F_ORG,
	F_ASSESSOR,             /* editing an assessment only (mlps set's fields) */
	F_METHOD,
	F_LEVEL,
	F_S_OBJ,
	F_S_HARM,
	F_A_OBJ,
	F_A_HARM,
	F_EXT,
	F_FLAGS1,
	F_FLAGS2,
	F_OBJECTS,
	F_CREATE,
	F_COUNT
};

/* Tick boxes of the three multi-choice rows. */
static const struct {
	enum field row;
	unsigned bit;
	const char *label[2];
} boxes[] = {
	{ F_EXT, MLPS_EXT_BIT(MLPS_EXT_CLOUD), { "云计算", "cloud" } },
	{ F_EXT, MLPS_EXT_BIT(MLPS_EXT_MOBILE), { "移动互联", "mobile" } },
	{ F_EXT, MLPS_EXT_BIT(MLPS_EXT_IOT), { "物联网", "IoT" } },
	{ F_EXT, MLPS_EXT_BIT(MLPS_EXT_ICS), { "工业控制", "industrial control" } },
	{ F_FLAGS1, MLPS_COND_CONTINUITY, { "业务连续性要求高", "business continuity critical" } },
	{ F_FLAGS1, MLPS_COND_KEY_INDUSTRY, { "关键行业", "key industry" } },
	{ F_FLAGS2, MLPS_COND_CLOUD_PLATFORM, { "云计算平台", "cloud platform" } },
	{ F_FLAGS2, MLPS_COND_CLOUD_CUSTOMER, { "云服务客户", "cloud customer" } },
};
#define N_BOXES (sizeof(boxes) / sizeof(boxes[0]))

static const char *const labels[F_COUNT][2] = {
	[F_NAME] = { "系统名称", "System" },
	[F_ORG] = { "运营单位", "Organisation" },
	[F_ASSESSOR] = { "评估人", "Assessor" },
	[F_METHOD] = { "确定级别", "Level from" },
	[F_LEVEL] = { "级别", "Level" },
	[F_S_OBJ] = { "业务信息·客体", "Business: object" },
	[F_S_HARM] = { "业务信息·程度", "Business: harm" },
	[F_A_OBJ] = { "系统服务·客体", "Service: object" },
	[F_A_HARM] = { "系统服务·程度", "Service: harm" },
	[F_EXT] = { "扩展要求", "Extensions" },
	[F_FLAGS1] = { "系统特征", "Properties" },
	[F_FLAGS2] = { "", "" },
	[F_OBJECTS] = { "测评对象", "Objects" },
	[F_CREATE] = { "", "" },
};

static const char *const helps[F_COUNT][2] = {
	[F_NAME] = { "被测系统的名称，例如“网上银行系统”。直接输入，Enter 确定并转到运营单位（必填：空着 Enter 不离开）；"
		     "↑ 或 Shift-Tab 离开输入框。",
		     "The system assessed, e.g. \"online banking\". Type it; Enter accepts and moves to the "
		     "organisation (required: an empty name keeps Enter here); Up or Shift-Tab leave the field." },
	[F_ASSESSOR] = { "开展本次自评估的人，可留空；定稿时签署。", "Who assesses (may be empty); signs at finalising." },
	[F_ORG] = { "运营使用单位，可留空。同名同单位的系统视为同一系统。",
		    "The operating organisation (may be empty). Same name and organisation: the same system." },
	[F_METHOD] = { "直接填写已知级别，或用定级向导按受侵害客体和侵害程度确定（GB/T 22240-2020）。左右方向键切换。",
		       "Type a known level, or grade it by object harmed and degree of harm (GB/T 22240-2020). "
		       "Left/Right to switch." },
	[F_LEVEL] = { "第1至4级：左右方向键或直接按数字键。第二级及以上须向公安机关备案。",
		      "Levels 1-4: Left/Right or a digit. Level 2 and above must be filed with public security." },
	[F_S_OBJ] = { "业务信息遭到破坏时，受侵害的客体。左右方向键切换。",
		      "Who is harmed when the business information is compromised. Left/Right to switch." },
	[F_S_HARM] = { "业务信息遭到破坏时，对该客体的侵害程度。",
		       "How badly, when the business information is compromised." },
	[F_A_OBJ] = { "系统服务遭到破坏时，受侵害的客体。", "Who is harmed when the system's service is disrupted." },
	[F_A_HARM] = { "系统服务遭到破坏时，对该客体的侵害程度。", "How badly, when the system's service is disrupted." },
	[F_EXT] = { "通用要求之外还要评估的扩展要求。左右方向键选择，空格勾选。",
		    "Extended requirements to assess besides the general ones. Left/Right to pick, Space to tick." },
	[F_FLAGS1] = { "高风险判定所依据的系统特征（2025 高风险判定指引）。左右方向键选择，空格勾选。",
		       "System properties the high-risk scenarios depend on (2025 guide). Left/Right, Space." },
	[F_FLAGS2] = { "云计算平台：本系统是云平台；云服务客户：本系统部署在他人的云上。",
		       "Cloud platform: this system is a cloud; cloud customer: it runs on someone else's cloud." },
	[F_OBJECTS] = { "可选：服务器、数据库、网络设备、机房等，技术要求逐个对象作答。Enter 添加、改名、删除；j 跳过。",
			"Optional: servers, databases, devices, rooms... technical items are answered per object. "
			"Enter to add, rename, delete; j to skip." },
	[F_CREATE] = { "Enter 或 Ctrl-D：创建评估并开始答题。", "Enter or Ctrl-D: create the assessment and start answering." },
};

#define LABEL_W 17

struct wizard {
	struct screen base;
	WINDOW *w;
	enum field focus;
	struct strbuf name, org;
	bool grading;               /* level from the grading wizard rather than typed */
	int level;
	enum mlps_harmed s_obj, a_obj;
	enum mlps_harm s_harm, a_harm;
	unsigned ext, flags;
	size_t box;                 /* the tick box under the cursor on a multi-choice row */
	bool started;               /* the first field has been opened for typing */
	int editing;                /* the text field being edited, or -1 */
	struct editor ed;
	struct mlps_assessment *draft;  /* owned; only its objects: those to create the assessment with */
	long long edit_id;          /* editing this assessment (mlps set in a form), or 0: a new one */
	struct strbuf assessor;
};

static const char *const importance_labels[MLPS_IMP_COUNT][2] = {
	{ "关键", "key" },
	{ "重要", "important" },
	{ "一般", "general" },
};

static bool shown(const struct wizard *wz, enum field f)
{
	if (f == F_ASSESSOR)
		return wz->edit_id != 0;
	if (f == F_OBJECTS)
		return wz->edit_id == 0;
	if (f == F_LEVEL)
		return !wz->grading;
	if (f >= F_S_OBJ && f <= F_A_HARM)
		return wz->grading;
	return true;
}

/* Screen row of each field (the grading rows take the level's place, plus a result row). */
static int row_of(const struct wizard *wz, enum field f)
{
	switch (f) {
	case F_NAME: return 2;
	case F_ORG: return 3;
	case F_ASSESSOR: return 4;
	case F_METHOD: return 5;
	case F_LEVEL: return 6;
	case F_S_OBJ: return 6;
	case F_S_HARM: return 7;
	case F_A_OBJ: return 8;
	case F_A_HARM: return 9;
	case F_EXT: return wz->grading ? 12 : 9;
	case F_FLAGS1: return wz->grading ? 13 : 10;
	case F_FLAGS2: return wz->grading ? 14 : 11;
	case F_OBJECTS: return wz->grading ? 15 : 12;
	case F_CREATE: return wz->grading ? 20 : 17;
	default: return 0;
	}
}

static int graded_level(const struct wizard *wz, int *s, int *a)
{
	*s = mlps_grade_level(wz->s_obj, wz->s_harm);
	*a = mlps_grade_level(wz->a_obj, wz->a_harm);
	return *s > *a ? *s : *a;
}

static int target_level(const struct wizard *wz)
{
	int s, a;

	return wz->grading ? graded_level(wz, &s, &a) : wz->level;
}

static bool dirty_form(const struct wizard *wz)
{
	return wz->edit_id || wz->name.len || wz->org.len;
}

static struct strbuf *text_of(struct wizard *wz, enum field f)
{
	return f == F_NAME ? &wz->name : f == F_ORG ? &wz->org : &wz->assessor;
}

static bool is_text(enum field f)
{
	return f == F_NAME || f == F_ORG || f == F_ASSESSOR;
}

static void put_choice(struct wizard *wz, int y, bool focused, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "< %s >", text);
	crt_put(wz->w, y, LABEL_W, getmaxx(wz->w) - LABEL_W - 1, focused ? STYLE_CURSOR : STYLE_NORMAL, sb.buf);
	strbuf_release(&sb);
}

static void put_text_field(struct wizard *wz, struct tui *t, enum field f, int y, bool focused)
{
	int width = getmaxx(wz->w) - LABEL_W - 2;
	const struct strbuf *v = text_of(wz, f);

	if (width > 50)
		width = 50;
	if (wz->editing == (int)f) {
		editor_draw(&wz->ed, wz->w, y, LABEL_W, 1, width);
		return;
	}
	crt_fill(wz->w, y, LABEL_W, width, focused ? STYLE_CURSOR : STYLE_INPUT);
	if (v->len)
		crt_put(wz->w, y, LABEL_W, width, focused ? STYLE_CURSOR : STYLE_INPUT, v->buf);
	else
		crt_put(wz->w, y, LABEL_W, width, focused ? STYLE_CURSOR : STYLE_DIM,
			f == F_NAME ? TR(t, "（必填，Enter 输入）", "(required: Enter to type)")
				    : TR(t, "（可留空）", "(optional)"));
}

static void put_boxes(struct wizard *wz, struct tui *t, enum field row, int y, bool focused)
{
	unsigned set = row == F_EXT ? wz->ext : wz->flags;
	int x = LABEL_W;
	size_t i;

	for (i = 0; i < N_BOXES; i++) {
		struct strbuf sb = STRBUF_INIT;
		bool under = focused && i == wz->box;

		if (boxes[i].row != row)
			continue;
		strbuf_addf(&sb, "[%c] %s", set & boxes[i].bit ? 'x' : ' ', boxes[i].label[t->lang == MLPS_LANG_EN]);
		x += crt_put(wz->w, y, x, getmaxx(wz->w) - x - 1, under ? STYLE_CURSOR : STYLE_NORMAL, sb.buf) + 2;
		strbuf_release(&sb);
	}
}

/* The kind of an object as people read it. */
static const char *kind_label(struct tui *t, const char *kind)
{
	const struct mlps_object_kind *k = mlps_catalog_find_kind(t->cat, kind);

	return k ? mlps_text_get(&k->label, t->lang) : kind;
}

/* The objects so far on one line: "web01（服务器和操作系统）, db01（...）". */
static void put_objects(struct wizard *wz, struct tui *t, int y, bool focused)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < wz->draft->n_objects; i++)
		strbuf_addf(&sb, TR(t, "%s%s（%s）", "%s%s (%s)"), i ? ", " : "", wz->draft->objects[i].name,
			    kind_label(t, wz->draft->objects[i].kind));
	if (!sb.len)
		strbuf_adds(&sb, TR(t, "（仅系统整体；Enter 添加）", "(the system as a whole only; Enter to add)"));
	crt_put(wz->w, y, LABEL_W, getmaxx(wz->w) - LABEL_W - 1,
		focused ? STYLE_CURSOR : wz->draft->n_objects ? STYLE_NORMAL : STYLE_DIM, sb.buf);
	strbuf_release(&sb);
}

static void put_result(struct wizard *wz, struct tui *t, int y)
{
	struct strbuf sb = STRBUF_INIT;
	int s, a, g = graded_level(wz, &s, &a);

	mlps_grade_notation(&sb, s, a, g);
	if (g > MLPS_LEVEL_MAX) {
		strbuf_adds(&sb, TR(t, " · 第五级：要求未公开，mlps 只评估第一至四级", " · level 5: requirements unpublished; mlps "
								     "assesses levels 1-4"));
		crt_put(wz->w, y, LABEL_W, getmaxx(wz->w) - LABEL_W - 1, STYLE_ERROR, sb.buf);
	} else {
		strbuf_addf(&sb, TR(t, " · 第%d级", " · level %d"), g);
		strbuf_adds(&sb, mlps_grade_filing_required(g) ? TR(t, " · 需备案", " · must be filed")
							       : TR(t, " · 无需备案", " · no filing"));
		if (mlps_evaluation_months(g))
			strbuf_addf(&sb, TR(t, " · 每%d个月测评", " · evaluated every %d months"), mlps_evaluation_months(g));
		crt_put(wz->w, y, LABEL_W, getmaxx(wz->w) - LABEL_W - 1, STYLE_DONE, sb.buf);
	}
	crt_put(wz->w, y, 1, LABEL_W - 2, STYLE_DIM, TR(t, "定级结果", "Result"));
	strbuf_release(&sb);
}

static void draw(struct screen *s, struct tui *t)
{
	struct wizard *wz = (struct wizard *)s;
	enum mlps_lang lang = t->lang;
	int en = lang == MLPS_LANG_EN, f, width = getmaxx(wz->w), help_y;
	struct strbuf sb = STRBUF_INIT;

	if (!s->dirty)
		return;
	s->dirty = false;
	werase(wz->w);
	crt_put(wz->w, 0, 1, width - 2, STYLE_HEADING,
		wz->edit_id ? TR(t, "修改评估（答案按要求保留）", "Edit the assessment (answers are kept by requirement)")
			    : TR(t, "新建评估", "New assessment"));
	for (f = 0; f < F_COUNT; f++) {
		enum field fld = (enum field)f;
		bool focused = wz->focus == fld;
		int y = row_of(wz, fld);

		if (!shown(wz, fld))
			continue;
		crt_put(wz->w, y, 1, LABEL_W - 2, focused ? STYLE_HEADING : STYLE_DIM, labels[f][en]);
		switch (fld) {
		case F_NAME:
		case F_ORG:
		case F_ASSESSOR:
			put_text_field(wz, t, fld, y, focused);
			break;
		case F_METHOD:
			put_choice(wz, y, focused, wz->grading ? TR(t, "定级向导（GB/T 22240）", "grading wizard (GB/T 22240)")
							       : TR(t, "直接填写级别", "type the level"));
			break;
		case F_LEVEL:
			strbuf_reset(&sb);
			strbuf_addf(&sb, TR(t, "第%d级", "level %d"), wz->level);
			put_choice(wz, y, focused, sb.buf);
			break;
		case F_S_OBJ:
			put_choice(wz, y, focused, mlps_object_label(wz->s_obj, en));
			break;
		case F_S_HARM:
			put_choice(wz, y, focused, mlps_harm_label(wz->s_harm, en));
			break;
		case F_A_OBJ:
			put_choice(wz, y, focused, mlps_object_label(wz->a_obj, en));
			break;
		case F_A_HARM:
			put_choice(wz, y, focused, mlps_harm_label(wz->a_harm, en));
			break;
		case F_EXT:
		case F_FLAGS1:
		case F_FLAGS2:
			put_boxes(wz, t, fld, y, focused);
			break;
		case F_OBJECTS:
			put_objects(wz, t, y, focused);
			break;
		case F_CREATE:
			crt_put(wz->w, y, LABEL_W, width - LABEL_W - 1, focused ? STYLE_CURSOR : STYLE_HINT_KEY,
				wz->edit_id ? TR(t, "[ 保存修改 ]", "[ Save ]") : TR(t, "[ 创建评估 ]", "[ Create ]"));
			break;
		default:
			break;
		}
	}
	if (wz->grading)
		put_result(wz, t, 10);
	/* What the focused field is for, under the form. */
	help_y = row_of(wz, F_OBJECTS) + (wz->edit_id ? 1 : 2);
	strbuf_reset(&sb);
	mlps_utf8_wrap(&sb, helps[wz->focus][en], (size_t)(width - 4), 0, 0);
	{
		const char *p = sb.buf;

		while (*p && help_y < row_of(wz, F_CREATE) - 1) {
			size_t len = strcspn(p, "\n");
			char *line = mlps_strndup(p, len);

			crt_put(wz->w, help_y++, 2, width - 4, STYLE_DIM, line);
			free(line);
			p += len;
			if (*p == '\n')
				p++;
		}
	}
	strbuf_release(&sb);
	if (wz->editing >= 0) {
		/* The cursor belongs to the field being typed in: refresh this window last. */
		put_text_field(wz, t, (enum field)wz->editing, row_of(wz, (enum field)wz->editing), true);
	}
	wnoutrefresh(wz->w);
}

static void layout(struct screen *s, struct tui *t)
{
	struct wizard *wz = (struct wizard *)s;

	(void)t;
	if (wz->w)
		delwin(wz->w);
	wz->w = newwin(tui_body_height(), COLS, tui_body_top(), 0);
	crt_input(wz->w);
	s->dirty = true;
}

static void enter(struct screen *s, struct tui *t)
{
	struct wizard *wz = (struct wizard *)s;

	layout(s, t);
	/* Open the name for typing at once: it is what everyone does first. */
	if (!wz->started) {
		wz->started = true;
		t->pending = REQ_ENTER;
	}
}

static void leave(struct screen *s, struct tui *t)
{
	struct wizard *wz = (struct wizard *)s;

	(void)t;
	if (wz->w)
		delwin(wz->w);
	wz->w = NULL;
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct wizard *wz = (struct wizard *)s;
	int g = target_level(wz);

	if (wz->edit_id)
		strbuf_addf(left, TR(t, "修改评估 #%lld", "Edit assessment #%lld"), wz->edit_id);
	else
		strbuf_adds(left, TR(t, "新建评估", "New assessment"));
	if (g <= MLPS_LEVEL_MAX)
		strbuf_addf(right, TR(t, "第%d级", "level %d"), g);
}

/* How typing into a field ended. */
enum edit_end {
	EDIT_CANCEL = 0,    /* Esc: the old text stays */
	EDIT_NEXT,          /* Enter, Tab or Down: text kept, on to the next field */
	EDIT_PREV,          /* Up or Shift-Tab: text kept, back to the field above */
};

/*
 * Types into a text field in place. What the hint says is what happens:
 * Enter accepts and moves on, but not from an empty required field (the
 * system's name), which says so and stays; Up and Shift-Tab leave the
 * editor upwards, Tab and Down downwards, keeping the text; Esc cancels.
 * Reads keys like the main loop does, so resizes and signals behave the same.
 */
static enum edit_end edit_field(struct wizard *wz, struct tui *t, enum field f)
{
	struct strbuf *v = text_of(wz, f);
	enum edit_end end = EDIT_CANCEL;
	int key;

	editor_init(&wz->ed, v->buf, false);
	wz->editing = (int)f;
	for (;;) {
		enum crt_event ev;
		enum editor_action act;

		wz->base.dirty = true;
		curs_set(1);
		tui_paint(t);
		doupdate();
		ev = tui_read(t, wz->w, &key);
		if (ev == CRT_SIGNAL)
			break;
		if (ev != CRT_KEY)
			continue;
		if (key == CRT_FKEY(KEY_UP) || key == CRT_FKEY(KEY_BTAB)) {
			end = EDIT_PREV;
			break;
		}
		if (key == '\t' || key == CRT_FKEY(KEY_DOWN)) {
			end = EDIT_NEXT;
			break;
		}
		act = editor_key(&wz->ed, key);
		if (act == EDITOR_CANCEL)
			break;
		if (act == EDITOR_ACCEPT) {
			struct strbuf typed = STRBUF_INIT;

			editor_text(&wz->ed, &typed);
			if (f == F_NAME && !typed.len) {
				strbuf_release(&typed);
				tui_message(t, STYLE_ERROR, "%s", TR(t, "系统名称必填：请在此输入名称，再按 Enter。",
								     "The system's name is required: type it here, then Enter."));
				continue;
			}
			strbuf_release(&typed);
			end = EDIT_NEXT;
			break;
		}
	}
	if (end != EDIT_CANCEL) {
		strbuf_reset(v);
		editor_text(&wz->ed, v);
	}
	editor_release(&wz->ed);
	wz->editing = -1;
	curs_set(0);
	wz->base.dirty = true;
	tui_frame_dirty(t);
	return t->quit ? EDIT_CANCEL : end;
}

static void move_focus(struct wizard *wz, int dir)
{
	int f = (int)wz->focus;

	do {
		f += dir;
	} while (f >= 0 && f < F_COUNT && !shown(wz, (enum field)f));
	if (f < 0 || f >= F_COUNT)
		return;
	wz->focus = (enum field)f;
	/* Land on the first tick box of a multi-choice row. */
	if (f == F_EXT || f == F_FLAGS1 || f == F_FLAGS2) {
		size_t i;

		for (i = 0; i < N_BOXES; i++)
			if (boxes[i].row == wz->focus) {
				wz->box = i;
				break;
			}
	}
}

/* Left/right on a choice (dir -1 / +1) or across tick boxes. */
static void change(struct wizard *wz, int dir)
{
	switch (wz->focus) {
	case F_METHOD:
		wz->grading = !wz->grading;
		break;
	case F_LEVEL:
		wz->level = (wz->level - 1 + dir + MLPS_LEVEL_MAX) % MLPS_LEVEL_MAX + 1;
		break;
	case F_S_OBJ:
		wz->s_obj = (enum mlps_harmed)(((int)wz->s_obj + dir + MLPS_OBJ_COUNT) % MLPS_OBJ_COUNT);
		break;
	case F_S_HARM:
		wz->s_harm = (enum mlps_harm)(((int)wz->s_harm + dir + MLPS_HARM_COUNT) % MLPS_HARM_COUNT);
		break;
	case F_A_OBJ:
		wz->a_obj = (enum mlps_harmed)(((int)wz->a_obj + dir + MLPS_OBJ_COUNT) % MLPS_OBJ_COUNT);
		break;
	case F_A_HARM:
		wz->a_harm = (enum mlps_harm)(((int)wz->a_harm + dir + MLPS_HARM_COUNT) % MLPS_HARM_COUNT);
		break;
	case F_EXT:
	case F_FLAGS1:
	case F_FLAGS2: {
		size_t i = wz->box;

		if (dir < 0 && i > 0 && boxes[i - 1].row == wz->focus)
			wz->box = i - 1;
		if (dir > 0 && i + 1 < N_BOXES && boxes[i + 1].row == wz->focus)
			wz->box = i + 1;
		break;
	}
	default:
		break;
	}
}

static void toggle(struct wizard *wz)
{
	if (wz->focus == F_EXT)
		wz->ext ^= boxes[wz->box].bit;
	else if (wz->focus == F_FLAGS1 || wz->focus == F_FLAGS2)
		wz->flags ^= boxes[wz->box].bit;
	else
		change(wz, 1);
}

/*
 * Asks for an object name (initial: the old one when renaming) and checks
 * it as the store would, with the system's own name taken too. Returns the
 * name (caller frees) or NULL when cancelled or refused (the message line
 * says why).
 */
static char *ask_object_name(struct wizard *wz, struct tui *t, const char *initial, const char *kind)
{
	struct strbuf name = STRBUF_INIT;
	struct mlps_error err;
	bool changed;
	char *out = NULL;

	mlps_error_init(&err);
	if (dialog_edit(t, TR(t, "对象名称", "Object name"),
			TR(t, "主机名、设备名或应用名，在本评估内唯一", "a host, device or application name, unique here"),
			initial, false, &name, &changed) != DIALOG_OK || (initial && !changed))
		goto out;
	if (wz->name.len && !strcmp(name.buf, wz->name.buf)) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "这是系统本身的名称（系统整体对象会自动添加）。",
						     "That is the system's own name (its object is added anyway)."));
		goto out;
	}
	if (mlps_object_check(t->cat, wz->draft, name.buf, kind, &err)) {
		tui_error(t, &err);
		goto out;
	}
	out = mlps_strdup(name.buf);
out:
	mlps_error_release(&err);
	strbuf_release(&name);
	return out;
}

/* A kind of the catalogue's vocabulary (not `system`: that object is automatic), or NULL. */
static const char *ask_kind(struct tui *t)
{
	size_t n = mlps_catalog_n_kinds(t->cat), i, m = 0;
	const struct mlps_object_kind **kinds = mlps_calloc(n ? n : 1, sizeof(*kinds));
	const char **items = mlps_calloc(n ? n : 1, sizeof(*items));
	const char *out = NULL;
	int choice;

	for (i = 0; i < n; i++) {
		const struct mlps_object_kind *k = mlps_catalog_kind(t->cat, i);

		if (strcmp(k->name, MLPS_KIND_SYSTEM)) {
			kinds[m] = k;
			items[m++] = mlps_text_get(&k->label, t->lang);
		}
	}
	if (!m)
		tui_message(t, STYLE_ERROR, "%s", TR(t, "此要求集没有对象类型。", "This profile set has no object kinds."));
	choice = m ? dialog_menu(t, TR(t, "对象类型", "Object kind"), items, (int)m, 0) : -1;
	if (choice >= 0)
		out = kinds[choice]->name;
	free(kinds);
	free(items);
	return out;
}

static int ask_importance(struct tui *t, int current)
{
	const char *items[MLPS_IMP_COUNT];
	int i;

	for (i = 0; i < MLPS_IMP_COUNT; i++)
		items[i] = importance_labels[i][t->lang == MLPS_LANG_EN];
	return dialog_menu(t, TR(t, "资产重要程度", "Importance of the asset"), items, MLPS_IMP_COUNT, current);
}

static void add_object(struct wizard *wz, struct tui *t)
{
	const char *kind = ask_kind(t);
	char *name = kind ? ask_object_name(wz, t, NULL, kind) : NULL;
	int imp = name ? ask_importance(t, MLPS_IMP_IMPORTANT) : -1;

	if (imp >= 0) {
		mlps_assessment_add_object(wz->draft, name, kind, (enum mlps_importance)imp, NULL);
		tui_message(t, STYLE_DONE, TR(t, "已添加对象 %s", "object %s added"), name);
	}
	free(name);
}

/* Rename, change the importance of, or delete object i. */
static void edit_object(struct wizard *wz, struct tui *t, size_t i)
{
	struct mlps_object *o = &wz->draft->objects[i];
	const char *items[3] = { TR(t, "改名", "rename"), TR(t, "重要程度", "importance"), TR(t, "删除", "delete") };
	int choice = dialog_menu(t, o->name, items, 3, 0), imp;
	char *name;

	switch (choice) {
	case 0:
		name = ask_object_name(wz, t, o->name, o->kind);
		if (name) {
			free(o->name);
			o->name = name;
		}
		break;
	case 1:
		imp = ask_importance(t, (int)o->importance);
		if (imp >= 0)
			o->importance = (enum mlps_importance)imp;
		break;
	case 2:
		free(o->name);
		free(o->kind);
		free(o->desc);
		memmove(o, o + 1, (wz->draft->n_objects - i - 1) * sizeof(*o));
		wz->draft->n_objects--;
		break;
	default:
		break;
	}
}

/*
 * The objects step: a menu of the objects so far (choose one to rename,
 * re-rate or delete it), then "add", then "done". Nothing reaches the
 * store before the assessment is created.
 */
static void objects_step(struct wizard *wz, struct tui *t)
{
	while (!t->quit) {
		size_t n = wz->draft->n_objects, i;
		struct strbuf *names = mlps_calloc(n + 2, sizeof(*names));
		const char **items = mlps_calloc(n + 2, sizeof(*items));
		int choice;

		for (i = 0; i < n + 2; i++) {
			const struct mlps_object *o = i < n ? &wz->draft->objects[i] : NULL;

			strbuf_init(&names[i]);
			if (o)
				strbuf_addf(&names[i], "%s · %s · %s", o->name, kind_label(t, o->kind),
					    importance_labels[o->importance][t->lang == MLPS_LANG_EN]);
			else
				strbuf_adds(&names[i], i == n ? TR(t, "＋ 添加对象", "+ add an object") : TR(t, "完成", "done"));
			items[i] = names[i].buf;
		}
		choice = dialog_menu(t, TR(t, "测评对象（系统整体会自动添加）", "Objects (the system as a whole is added anyway)"),
				     items, (int)n + 2, (int)n);
		for (i = 0; i < n + 2; i++)
			strbuf_release(&names[i]);
		free(names);
		free(items);
		if (choice < 0 || choice == (int)n + 1)
			return;
		if (choice == (int)n)
			add_object(wz, t);
		else
			edit_object(wz, t, (size_t)choice);
	}
}

static unsigned create(struct wizard *wz, struct tui *t)
{
	const struct mlps_rules *rules = mlps_catalog_rules(t->cat);
	struct mlps_assessment a;
	struct mlps_error err;
	unsigned flags = SCR_OK;
	int s = 0, av = 0, g;

	if (!wz->name.len) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "请先填写系统名称。", "Name the system first."));
		wz->focus = F_NAME;
		wz->base.dirty = true;
		return SCR_OK;
	}
	memset(&a, 0, sizeof(a));
	if (wz->grading) {
		g = graded_level(wz, &s, &av);
		a.sys.s_level = s;
		a.sys.a_level = av;
		if (g > MLPS_LEVEL_MAX) {
			tui_message(t, STYLE_ERROR, "%s", TR(t, "第五级的要求未公开发布，mlps 只评估第一至四级。",
							     "Level 5 requirements are unpublished; mlps assesses levels 1-4."));
			return SCR_OK;
		}
	} else {
		g = wz->level;
	}
	a.sys.name = wz->name.buf;
	a.sys.org = wz->org.len ? wz->org.buf : NULL;
	a.sys.flags = wz->flags;
	a.level = g;
	a.ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL) | wz->ext;
	a.profile_hash = (char *)mlps_catalog_hash(t->cat);
	a.rules_id = (char *)rules->id;
	/* Borrowed from the draft: the store only reads them. */
	a.objects = wz->draft->objects;
	a.n_objects = wz->draft->n_objects;
	mlps_error_init(&err);
	if (mlps_store_create(t->st, &a, &err)) {
		tui_error(t, &err);
	} else {
		t->current_id = a.id;
		t->next = questionnaire_screen_new(t, a.id);
		tui_message(t, STYLE_DONE, TR(t, "评估 #%lld 已创建。y/p/n/a 作答，? 查看全部按键。",
					      "Assessment #%lld created. Answer with y/p/n/a; ? shows every key."),
			    a.id);
		flags = SCR_REPLACE;
	}
	free(a.created);
	free(a.updated);
	mlps_error_release(&err);
	return flags;
}

/*
 * Saves the form over assessment edit_id, as `mlps set` does: only what
 * changed is written, answers stay by requirement, and the message line
 * says how many items entered and left the scope.
 */
static unsigned save_edit(struct wizard *wz, struct tui *t)
{
	struct mlps_store_changes ch = { NULL, NULL, NULL, 0, -1, -1, -1, -1, NULL };
	struct mlps_assessment *a;
	struct mlps_scope_change sc;
	struct mlps_error err;
	struct strbuf detail = STRBUF_INIT;
	unsigned ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL) | wz->ext, flags = SCR_OK;
	int s = 0, av = 0, g;

	if (!wz->name.len) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "请先填写系统名称。", "Name the system first."));
		wz->focus = F_NAME;
		return SCR_OK;
	}
	g = wz->grading ? graded_level(wz, &s, &av) : wz->level;
	if (g > MLPS_LEVEL_MAX) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "第五级的要求未公开发布，mlps 只评估第一至四级。",
						     "Level 5 requirements are unpublished; mlps assesses levels 1-4."));
		return SCR_OK;
	}
	a = tui_load(t, wz->edit_id);
	if (!a)
		return SCR_OK;
	if (strcmp(wz->name.buf, a->sys.name))
		ch.system = wz->name.buf;
	if (strcmp(wz->org.buf, a->sys.org ? a->sys.org : ""))
		ch.org = wz->org.buf;
	if (strcmp(wz->assessor.buf, a->assessor ? a->assessor : ""))
		ch.assessor = wz->assessor.buf;
	if (g != a->level)
		ch.level = g;
	if (wz->grading) {
		ch.s_level = s;
		ch.a_level = av;
	}
	if (ext != a->ext)
		ch.ext = ext;
	if (wz->flags != a->sys.flags)
		ch.flags = wz->flags;
	mlps_scope_change(t->cat, a, g, ext, &sc);
	strbuf_addf(&detail, "form: level %d -> %d; scope +%d -%d items, %d answers hidden, %d back", a->level, g,
		    sc.entered, sc.left, sc.hidden, sc.back);
	ch.detail = detail.buf;
	mlps_error_init(&err);
	if (mlps_store_set(t->st, wz->edit_id, &ch, NULL, &err)) {
		tui_error(t, &err);
	} else {
		if (sc.entered || sc.left)
			tui_message(t, STYLE_DONE, TR(t, "已保存。范围：%d 项进入，%d 项移出（其 %d 条答案保留但隐藏）",
						      "Saved. Scope: %d items entered, %d left (their %d answers kept, hidden)"),
				    sc.entered, sc.left, sc.hidden);
		else
			tui_message(t, STYLE_DONE, "%s", TR(t, "已保存。", "Saved."));
		flags = SCR_BACK;
	}
	mlps_error_release(&err);
	strbuf_release(&detail);
	mlps_assessment_free(a);
	return flags;
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct wizard *wz = (struct wizard *)s;

	s->dirty = true;
	tui_frame_dirty(t);
	switch (req) {
	case REQ_BACK:
		if (wz->edit_id && !dialog_confirm(t, TR(t, "放弃修改？", "Discard?"),
						   TR(t, "修改尚未保存。放弃吗？", "The changes are not saved. Discard them?")))
			return SCR_OK;
		if (!wz->edit_id && dirty_form(wz) && !dialog_confirm(t, TR(t, "放弃新建？", "Discard?"),
						      TR(t, "已填写的内容不会保存。放弃新建评估吗？",
							 "What you filled in is not saved. Discard the new assessment?")))
			return SCR_OK;
		return SCR_BACK;
	case REQ_ENTER:
		if (is_text(wz->focus)) {
			/* Enter accepts and opens the next text field, so the names go in one stretch. */
			while (is_text(wz->focus)) {
				enum edit_end end = edit_field(wz, t, wz->focus);

				if (end == EDIT_CANCEL)
					break;
				move_focus(wz, end == EDIT_PREV ? -1 : 1);
				if (end == EDIT_PREV)
					break;
			}
			return SCR_OK;
		}
		if (wz->focus == F_CREATE)
			return wz->edit_id ? save_edit(wz, t) : create(wz, t);
		if (wz->focus == F_OBJECTS) {
			objects_step(wz, t);
			return SCR_OK;
		}
		toggle(wz);
		return SCR_OK;
	case REQ_TOGGLE:
		toggle(wz);
		return SCR_OK;
	case REQ_CREATE:
		return wz->edit_id ? save_edit(wz, t) : create(wz, t);
	case REQ_LEFT:
	case REQ_RIGHT:
		change(wz, req == REQ_LEFT ? -1 : 1);
		return SCR_OK;
	case REQ_NEXT_FIELD:
	case REQ_DOWN:
		move_focus(wz, 1);
		return SCR_OK;
	case REQ_PREV_FIELD:
	case REQ_UP:
		move_focus(wz, -1);
		return SCR_OK;
	case REQ_FIRST:
		wz->focus = F_NAME;
		return SCR_OK;
	case REQ_LAST:
		wz->focus = F_CREATE;
		return SCR_OK;
	case REQ_LEVEL_1:
	case REQ_LEVEL_2:
	case REQ_LEVEL_3:
	case REQ_LEVEL_4:
		wz->grading = false;
		wz->level = (int)(req - REQ_LEVEL_1) + 1;
		if (wz->focus >= F_S_OBJ && wz->focus <= F_A_HARM)
			wz->focus = F_LEVEL;
		return SCR_OK;
	default:
		return SCR_OK;
	}
}

static void free_screen(struct screen *s)
{
	struct wizard *wz = (struct wizard *)s;

	if (wz->w)
		delwin(wz->w);
	strbuf_release(&wz->name);
	strbuf_release(&wz->org);
	strbuf_release(&wz->assessor);
	mlps_assessment_free(wz->draft);
	free(wz);
}

/* The same form over an existing assessment (mlps set): its fields filled in, no objects step. */
struct screen *wizard_edit_screen_new(struct tui *t, long long id)
{
	struct mlps_assessment *a = tui_load(t, id);
	struct wizard *wz;
	size_t e;

	if (!a)
		return NULL;
	wz = (struct wizard *)wizard_screen_new(t);
	wz->edit_id = id;
	wz->started = true;
	strbuf_adds(&wz->name, a->sys.name);
	if (a->sys.org)
		strbuf_adds(&wz->org, a->sys.org);
	if (a->assessor)
		strbuf_adds(&wz->assessor, a->assessor);
	wz->level = a->level;
	for (e = 0; e < N_BOXES; e++)
		if (boxes[e].row == F_EXT)
			wz->ext |= a->ext & boxes[e].bit;
	wz->flags = a->sys.flags;
	mlps_assessment_free(a);
	return &wz->base;
}

static const struct screen_ops wizard_ops = {
	.scope = KS_WIZARD,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.title = title,
	.free = free_screen,
};

struct screen *wizard_screen_new(struct tui *t)
{
	struct wizard *wz = mlps_calloc(1, sizeof(*wz));

	(void)t;
	wz->base.ops = &wizard_ops;
	strbuf_init(&wz->name);
	strbuf_init(&wz->org);
	strbuf_init(&wz->assessor);
	wz->level = 3;
	wz->s_obj = MLPS_OBJ_CITIZEN;
	wz->s_harm = MLPS_HARM_GENERAL;
	wz->a_obj = MLPS_OBJ_CITIZEN;
	wz->a_harm = MLPS_HARM_GENERAL;
	wz->editing = -1;
	wz->draft = mlps_calloc(1, sizeof(*wz->draft));
	return &wz->base;
}
