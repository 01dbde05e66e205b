/* The ledger's (台账) columns: their names and their limits, for import and export. */
#include <stddef.h>

#include "duban/text.h"
#include "ledger.h"

/* The ledger's columns, in order; the header row names them so. */
const char *const ledger_columns[NCOLS] = {
	"案件编号", "案件名称", "类别", "牵头单位", "包案领导", "挂牌督办", "信访人",
	"受理时间", "承办单位", "办理事项", "通知时间", "签收时间", "办结时间", "办理结果",
	"办理内容", "销号时间", "息诉罢访", "解决时限", "责任人", "转办单位", "转办时间", "转回时间",
	"转办原因"
};

/* Each column's limit in bytes (dubanctl(1), LIMITS): codes and times, names, free text. */
const size_t ledger_limits[NCOLS] = {
	TEXT_MAX_CODE, TEXT_MAX, TEXT_MAX_CODE, TEXT_MAX_DEPT, TEXT_MAX_NAME, TEXT_MAX_CODE,
	TEXT_MAX_NAME, TEXT_MAX_CODE, TEXT_MAX_DEPT, TEXT_MAX_NAME, TEXT_MAX_CODE, TEXT_MAX_CODE,
	TEXT_MAX_CODE, TEXT_MAX, TEXT_MAX, TEXT_MAX_CODE, TEXT_MAX_CODE, TEXT_MAX_CODE,
	TEXT_MAX_NAME, TEXT_MAX_NAME, TEXT_MAX_CODE, TEXT_MAX_CODE, TEXT_MAX
};
