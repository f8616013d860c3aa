import { Alert } from "antd";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";

interface Coverage {
  lastYear: number;
  coveredUntil: string;
  daysLeft: number;
  warn: boolean;
}

/**
 * Rule D4: the working-day calendar runs out at the end of its last imported year. Within
 * calendar.warnDays days of that, every signed-in staff member sees this banner; whoever may import
 * (calendar.manage) gets a link to the 工作日历 page.
 */
export const CalendarCoverageAlert = () => {
  const { can } = useAuth();
  const [coverage, setCoverage] = useState<Coverage>();
  // Asked on arrival and again after leaving the calendar page (an import there ends the warning).
  const onCalendar = useLocation().pathname.startsWith("/calendar");

  useEffect(() => {
    if (onCalendar) return;
    const ctrl = new AbortController();
    api
      .get<Coverage>("/calendar/coverage", undefined, { signal: ctrl.signal })
      .then(setCoverage)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [onCalendar]);

  if (!coverage?.warn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="calendar-coverage-alert"
      message={`${coverage.lastYear + 1} 年工作日历尚未导入：${coverage.coveredUntil} 之后的期限无法计算，请系统管理员在「工作日历」中导入`}
      action={can("calendar.manage") ? <Link to="/calendar">前往工作日历</Link> : undefined}
    />
  );
};
