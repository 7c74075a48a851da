/*
 * keymap.c - the one table of key bindings. Order matters twice: within a
 * scope it is the order of the help screen and of the hint line (which
 * shows as many hints as fit, so the most used come first), and a key
 * bound in a screen's own scope hides the same key's generic binding.
 */
#include "keymap.h"

#include <curses.h>

#include "crt.h"

#define F(k) CRT_FKEY(k)
#define ENTER_KEYS '\r', '\n', F(KEY_ENTER)

static const struct keybinding table[] = {
	/* Home: systems and their assessments */
	{ KS_HOME, REQ_OPEN, { ENTER_KEYS, 'o' }, { "打开", "open" },
	  { "打开问卷，从第一个未答项开始", "open the questionnaire at the first unanswered item" } },
	{ KS_HOME, REQ_NEW, { 'n' }, { "新建", "new" },
	  { "新建评估（定级向导、扩展要求、系统特征）", "new assessment (grading wizard, extensions, flags)" } },
	{ KS_HOME, REQ_SUMMARY, { 's' }, { "汇总", "summary" },
	  { "得分、结论、高风险项", "scores, verdicts, high-risk findings" } },
	{ KS_HOME, REQ_EXPORT, { 'x' }, { "导出", "export" },
	  { "导出报告（text md csv json html xlsx）", "export a report (text md csv json html xlsx)" } },
	{ KS_HOME, REQ_REAUDIT, { 'r' }, { "复评", "re-audit" },
	  { "以此评估为基础开始复评，沿用的答案标为待确认",
	    "start a re-audit from this one; carried answers are marked to confirm" } },
	{ KS_HOME, REQ_EDIT, { 'E' }, { "修改", "edit" },
	  { "修改系统名称、单位、评估人、级别、扩展要求（答案按要求保留）",
	    "edit the name, organisation, assessor, level, extensions (answers are kept)" } },
	{ KS_HOME, REQ_FINALISE, { 'F' }, { "定稿", "finalise" },
	  { "定稿并签署（评估人、审核人、日期）；已定稿的则说明理由后重新打开",
	    "sign off (assessor, reviewer, date); a final one is reopened with a reason" } },
	{ KS_HOME, REQ_DELETE, { 'd', F(KEY_DC) }, { "删除", "delete" },
	  { "删除评估及其全部答案（需确认）", "delete the assessment and all its answers (asks first)" } },
	{ KS_HOME, REQ_BACK, { 'q' }, { "退出", "quit" }, { "退出 mlps", "quit mlps" } },

	/* New assessment */
	{ KS_WIZARD, REQ_ENTER, { ENTER_KEYS }, { "编辑/选择", "edit/choose" },
	  { "编辑文本、切换选项或执行按钮", "edit a text, switch an option or press a button" } },
	{ KS_WIZARD, REQ_CREATE, { CRT_CTRL('d') }, { "创建/保存", "create/save" },
	  { "创建评估并开始问卷", "create the assessment and start the questionnaire" } },
	{ KS_WIZARD, REQ_TOGGLE, { ' ' }, { "勾选", "tick" }, { "勾选或取消当前项", "tick or untick" } },
	{ KS_WIZARD, REQ_LEFT, { 'h', F(KEY_LEFT) }, { NULL, NULL },
	  { "上一个选项", "previous choice" } },
	{ KS_WIZARD, REQ_RIGHT, { 'l', F(KEY_RIGHT) }, { NULL, NULL }, { "下一个选项", "next choice" } },
	{ KS_WIZARD, REQ_NEXT_FIELD, { '\t', 'j', F(KEY_DOWN) }, { "下一栏", "next field" },
	  { "下一栏", "next field" } },
	{ KS_WIZARD, REQ_PREV_FIELD, { F(KEY_BTAB), 'k', F(KEY_UP) }, { NULL, NULL },
	  { "上一栏", "previous field" } },
	{ KS_WIZARD, REQ_LEVEL_1, { '1' }, { NULL, NULL }, { "级别定为第1级", "level 1" } },
	{ KS_WIZARD, REQ_LEVEL_2, { '2' }, { NULL, NULL }, { "级别定为第2级", "level 2" } },
	{ KS_WIZARD, REQ_LEVEL_3, { '3' }, { NULL, NULL }, { "级别定为第3级", "level 3" } },
	{ KS_WIZARD, REQ_LEVEL_4, { '4' }, { NULL, NULL }, { "级别定为第4级", "level 4" } },
	{ KS_WIZARD, REQ_BACK, { 'q', CRT_ESC }, { "取消", "cancel" }, { "放弃新建，返回", "cancel and go back" } },

	/* Questionnaire: one key answers and moves on */
	{ KS_QUESTIONNAIRE, REQ_COMPLIANT, { 'y' }, { "符合", "yes" },
	  { "符合，并跳到下一个未答对象或下一项", "compliant, and move to the next unanswered object or item" } },
	{ KS_QUESTIONNAIRE, REQ_PARTIAL, { 'p' }, { "部分", "partial" },
	  { "部分符合，并跳到下一项", "partially compliant, and move on" } },
	{ KS_QUESTIONNAIRE, REQ_NONCOMPLIANT, { 'n' }, { "不符合", "no" },
	  { "不符合，并跳到下一项", "noncompliant, and move on" } },
	{ KS_QUESTIONNAIRE, REQ_NA, { 'a' }, { "不适用", "n/a" },
	  { "不适用（需填写理由），并跳到下一项", "not applicable (asks for the reason), and move on" } },
	{ KS_QUESTIONNAIRE, REQ_TODO, { 't' }, { "待确认", "to confirm" },
	  { "待确认（已看过，尚未定论），并跳到下一项", "to confirm (seen, not decided yet), and move on" } },
	{ KS_QUESTIONNAIRE, REQ_NOTE, { 'c' }, { "备注", "note" },
	  { "编辑备注（Enter 保存，Ctrl-J 换行）", "edit the note (Enter saves, Ctrl-J starts a new line)" } },
	{ KS_QUESTIONNAIRE, REQ_NEXT_UNANSWERED, { 'N' }, { "下个未答", "next unanswered" },
	  { "跳到下一个未答项", "jump to the next unanswered item" } },
	{ KS_QUESTIONNAIRE, REQ_SEARCH, { '/' }, { "搜索", "search" },
	  { "按编号或文字搜索（空输入：再找下一个）", "search IDs and text (empty: find the next match)" } },
	{ KS_QUESTIONNAIRE, REQ_SUMMARY, { 's' }, { "汇总", "summary" },
	  { "得分、结论、高风险项、导出", "scores, verdicts, high-risk findings, export" } },
	{ KS_QUESTIONNAIRE, REQ_FILTER, { 'f' }, { "筛选", "filter" },
	  { "筛选：全部、未答、差距、待确认、高风险", "filter: all, unanswered, gaps, to confirm, high risk" } },
	{ KS_QUESTIONNAIRE, REQ_ALL_OBJECTS, { '*' }, { "其余对象", "rest" },
	  { "此项其余未答的对象都给同一答案（先选答案）", "give every object of the item still unanswered the same answer" } },
	{ KS_QUESTIONNAIRE, REQ_OBJECT, { 'O' }, { "逐个对象", "object" },
	  { "逐个对象：只看某一对象的各项，答案键作用于它", "walk one object through its items; the answer keys act on it" } },
	{ KS_QUESTIONNAIRE, REQ_EVIDENCE, { 'e' }, { "证据", "evidence" },
	  { "编辑证据（文件、截图、记录编号）", "edit the evidence (files, screenshots, record numbers)" } },
	{ KS_QUESTIONNAIRE, REQ_HISTORY, { 'H' }, { "历史", "history" },
	  { "本项的修改记录：何时、何人、哪个对象、状态变化、改了哪些文字",
	    "this item's history: when, who, which object, status change, texts changed" } },
	{ KS_QUESTIONNAIRE, REQ_EDIT, { 'E' }, { "修改评估", "edit" },
	  { "修改系统名称、单位、评估人、级别、扩展要求（答案按要求保留）",
	    "edit the name, organisation, assessor, level, extensions (answers are kept)" } },
	{ KS_QUESTIONNAIRE, REQ_CLEAR, { 'u' }, { "清除", "clear" },
	  { "清除答案（保留备注和证据）", "clear the answer (keeps note and evidence)" } },
	{ KS_QUESTIONNAIRE, REQ_RISK, { 'r' }, { "风险", "risk" },
	  { "调整差距项的风险等级并记录缓解措施", "override a gap's risk, with the mitigating measure" } },
	{ KS_QUESTIONNAIRE, REQ_PLAN, { 'o' }, { "整改", "plan" },
	  { "整改计划：负责人、期限、状态", "remediation: owner, due date, status" } },
	{ KS_QUESTIONNAIRE, REQ_SWITCH_PANE, { '\t', F(KEY_BTAB) }, { NULL, NULL },
	  { "在左侧目录和右侧要求之间切换", "switch between the tree and the requirement" } },
	{ KS_QUESTIONNAIRE, REQ_FOCUS_TREE, { 'h', F(KEY_LEFT) }, { NULL, NULL },
	  { "转到左侧目录", "go to the tree" } },
	{ KS_QUESTIONNAIRE, REQ_FOCUS_DETAIL, { 'l', F(KEY_RIGHT) }, { NULL, NULL },
	  { "转到右侧要求", "go to the requirement" } },
	{ KS_QUESTIONNAIRE, REQ_PAGE_DOWN, { F(KEY_NPAGE), ' ', CRT_CTRL('f') }, { NULL, NULL },
	  { "向下滚动要求和指引", "scroll the requirement and guidance down" } },
	{ KS_QUESTIONNAIRE, REQ_PAGE_UP, { F(KEY_PPAGE), 'b', CRT_CTRL('b') }, { NULL, NULL },
	  { "向上滚动", "scroll up" } },

	{ KS_QUESTIONNAIRE, REQ_CONFIRM, { 'C' }, { "确认沿用", "confirm" },
	  { "确认沿用自上次评估的答案，保持不变，并跳到下一项",
	    "confirm the answer carried from the last assessment as it is, and move on" } },
	{ KS_QUESTIONNAIRE, REQ_CONFIRM_BULK, { 'B' }, { "批量确认", "confirm all" },
	  { "一次确认本控制点或某个对象的全部沿用答案（先问一次）",
	    "confirm every carried answer of this control point or of one object (asks once)" } },
	{ KS_QUESTIONNAIRE, REQ_PROBE, { 'P' }, { "探测", "probe" },
	  { "服务器对象：读取本机配置，逐项给出建议答案（也可导入探测文件）",
	    "server object: read this host's configuration and go through the proposed answers (or import a probe file)" } },

	/* Probe proposals (tui/probe.c) */
	{ KS_PROBE, REQ_ACCEPT, { 'y', ENTER_KEYS }, { "采纳", "accept" },
	  { "采纳建议：按建议的结论和证据保存答案", "accept: save the proposed status with its evidence" } },
	{ KS_PROBE, REQ_CHANGE, { 'c' }, { "改答", "change" },
	  { "另选结论，证据照录", "choose another status; the evidence is kept" } },
	{ KS_PROBE, REQ_SKIP, { 's', 'n' }, { "跳过", "skip" },
	  { "不采纳，看下一项", "leave this one, go to the next" } },
	{ KS_PROBE, REQ_IMPORT, { 'i' }, { "导入", "import" },
	  { "导入其他机器上 mlps probe --format json 生成的文件", "import a file written by 'mlps probe --format json' elsewhere" } },
	{ KS_PROBE, REQ_BACK, { 'q', CRT_ESC }, { "返回", "back" }, { "返回问卷", "back to the questionnaire" } },

	/* Summary */
	{ KS_SUMMARY, REQ_EXPORT, { 'x' }, { "导出报告", "export" },
	  { "导出报告（text md csv json html xlsx）", "export a report (text md csv json html xlsx)" } },
	{ KS_SUMMARY, REQ_EXPLAIN, { 'e' }, { "扣分明细", "deductions" },
	  { "显示或隐藏综合得分的扣分明细（从大到小）", "show or hide where the composite's points went, largest first" } },
	{ KS_SUMMARY, REQ_ENTER, { ENTER_KEYS }, { "转到该项", "go to item" },
	  { "在问卷中打开所选的高风险项", "open the selected finding in the questionnaire" } },

	/* Help */
	{ KS_HELP, REQ_BACK, { 'q', CRT_ESC }, { "关闭", "close" }, { "关闭帮助", "close the help" } },

	/* Everywhere */
	{ KS_GENERIC, REQ_DOWN, { 'j', F(KEY_DOWN) }, { NULL, NULL }, { "下移", "down" } },
	{ KS_GENERIC, REQ_UP, { 'k', F(KEY_UP) }, { NULL, NULL }, { "上移", "up" } },
	{ KS_GENERIC, REQ_PAGE_DOWN, { F(KEY_NPAGE), CRT_CTRL('f'), ' ' }, { NULL, NULL },
	  { "下一页", "page down" } },
	{ KS_GENERIC, REQ_PAGE_UP, { F(KEY_PPAGE), CRT_CTRL('b'), 'b' }, { NULL, NULL }, { "上一页", "page up" } },
	{ KS_GENERIC, REQ_FIRST, { 'g', F(KEY_HOME) }, { NULL, NULL }, { "到开头", "to the top" } },
	{ KS_GENERIC, REQ_LAST, { 'G', F(KEY_END) }, { NULL, NULL }, { "到末尾", "to the end" } },
	/*
	 * Esc is not "back" on the main screens: over a slow link an arrow key's
	 * escape sequence can arrive split, and must not throw the user out.
	 */
	{ KS_GENERIC, REQ_BACK, { 'q' }, { "返回", "back" }, { "返回上一屏", "back to the previous screen" } },
	{ KS_GENERIC, REQ_LANG, { 'L' }, { "English", "中文" },
	  { "切换界面和条文语言（中文/English）", "switch the language (中文/English)" } },
	{ KS_GENERIC, REQ_HELP, { '?', F(KEY_F(1)) }, { "帮助", "help" },
	  { "本帮助：当前屏幕的全部按键", "this help: every key of the screen" } },
	{ KS_GENERIC, REQ_QUIT, { 'Q' }, { NULL, NULL },
	  { "退出 mlps（答案已随时保存）", "quit mlps (every answer is already saved)" } },
	{ KS_GENERIC, REQ_REDRAW, { CRT_CTRL('l') }, { NULL, NULL }, { "重画屏幕", "redraw the screen" } },
};

#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

static enum request lookup(enum keyscope scope, int key)
{
	size_t i;
	int k;

	for (i = 0; i < TABLE_SIZE; i++) {
		if (table[i].scope != scope)
			continue;
		for (k = 0; k < KEYMAP_MAX_KEYS && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return table[i].req;
	}
	return REQ_NONE;
}

enum request keymap_request(enum keyscope scope, int key)
{
	enum request req = lookup(scope, key);

	return req != REQ_NONE || scope == KS_GENERIC ? req : lookup(KS_GENERIC, key);
}

size_t keymap_size(void)
{
	return TABLE_SIZE;
}

const struct keybinding *keymap_entry(size_t i)
{
	return i < TABLE_SIZE ? &table[i] : NULL;
}

void keymap_key_name(struct strbuf *out, int key)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ '\r', "Enter" },         { '\n', "Ctrl-J" },          { '\t', "Tab" },
		{ ' ', "Space" },          { CRT_ESC, "Esc" },          { F(KEY_ENTER), "Enter" },
		{ F(KEY_UP), "Up" },       { F(KEY_DOWN), "Down" },     { F(KEY_LEFT), "Left" },
		{ F(KEY_RIGHT), "Right" }, { F(KEY_NPAGE), "PgDn" },    { F(KEY_PPAGE), "PgUp" },
		{ F(KEY_HOME), "Home" },   { F(KEY_END), "End" },       { F(KEY_BTAB), "Shift-Tab" },
		{ F(KEY_DC), "Delete" },   { F(KEY_F(1)), "F1" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key) {
			strbuf_adds(out, names[i].name);
			return;
		}
	if (key > 0 && key < 0x20) {
		strbuf_addf(out, "Ctrl-%c", 'A' + key - 1);
		return;
	}
	if (key >= 0x20 && key < 0x7f) {
		strbuf_addch(out, key);
		return;
	}
	strbuf_addf(out, "<%d>", key);
}

void keymap_keys(struct strbuf *out, const struct keybinding *b)
{
	int k;

	for (k = 0; k < KEYMAP_MAX_KEYS && b->keys[k]; k++) {
		/* Enter arrives as three codes; name it once. */
		if (k > 0 && (b->keys[k] == '\n' || b->keys[k] == F(KEY_ENTER)) && b->keys[0] == '\r')
			continue;
		if (k > 0)
			strbuf_addch(out, ' ');
		keymap_key_name(out, b->keys[k]);
	}
}

const char *keymap_scope_name(enum keyscope scope, enum mlps_lang lang)
{
	static const char *const names[KS_COUNT][2] = {
		[KS_GENERIC] = { "通用", "everywhere" },
		[KS_HOME] = { "评估列表", "assessments" },
		[KS_WIZARD] = { "新建评估", "new assessment" },
		[KS_QUESTIONNAIRE] = { "问卷", "questionnaire" },
		[KS_SUMMARY] = { "汇总", "summary" },
		[KS_HELP] = { "帮助", "help" },
		[KS_PROBE] = { "探测建议", "probe proposals" },
	};

	return names[scope][lang == MLPS_LANG_EN];
}
