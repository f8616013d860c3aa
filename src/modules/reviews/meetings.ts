/** P9: roles of the attendees of a collective discussion (集体讨论). */
export const attendeeRoles = [
  "主要负责人",
  "分管负责人",
  "班子成员",
  "法制审核人员",
  "承办人员",
  "记录人",
  "列席",
] as const;

/** P9: is the quorum (出席人数超过班子成员的规定比例) met? Members only count the leaders, not those sitting in. */
export function quorumMet(leadersPresent: number, memberCount: number, quorumPercent: number): boolean {
  return leadersPresent * 100 > memberCount * quorumPercent;
}

/** The attendees who count as members of the leadership (not the case handlers, recorder or observers). */
export const leaderRoles: readonly string[] = ["主要负责人", "分管负责人", "班子成员"];
