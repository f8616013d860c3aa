// Types and labels of the officers and training pages (C04).

export const certificateStatusLabels: Record<string, { label: string; color: string }> = {
  valid: { label: "有效", color: "green" },
  suspended: { label: "暂扣", color: "orange" },
  revoked: { label: "已收回", color: "red" },
  expired: { label: "已过期", color: "volcano" },
  replaced: { label: "已换发", color: "default" },
  not_yet_valid: { label: "未生效", color: "blue" },
  none: { label: "无证", color: "default" },
};

export const certificateEventLabels: Record<string, string> = {
  suspended: "暂扣",
  reinstated: "恢复",
  revoked: "收回（注销）",
  replaced: "换发",
};

export const sessionKindLabels: Record<string, string> = {
  initial: "初任培训",
  on_post: "在岗培训",
  specialised: "专项培训",
  rotation: "轮岗培训",
};

export interface OfficerSummary {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  agencyName: string;
  post: string;
  enforcementPost: boolean;
  staffNo: string;
  gender: string;
  staffKind: string;
  legalQualificationNo: string | null;
  legalQualificationDate: string | null;
  version: number;
  certificateNumber: string | null;
  certificateStatus: string | null;
  certificateExpiresOn: string | null;
  certificateFields: string[];
}

export interface Certificate {
  id: string;
  number: string;
  issuingBody: string;
  fields: string[];
  issuedOn: string;
  expiresOn: string;
  replacesId: string | null;
  status: string;
  events: { id: string; kind: string; effectiveOn: string; reason: string; recordedAt: string }[];
  reviews: {
    id: string;
    year: number;
    reviewedOn: string;
    outcome: string;
    note: string;
    recordedAt: string;
  }[];
}

export interface OfficerDetail extends OfficerSummary {
  certificates: Certificate[];
  rotations: {
    id: string;
    fromAgencyName: string | null;
    toAgencyName: string;
    fromPost: string | null;
    toPost: string;
    enforcementPost: boolean;
    effectiveOn: string;
    reason: string;
    recordedAt: string;
  }[];
  training: { year: number; hours: number; requiredHours: number }[];
}

export interface Kpis {
  agencyName: string;
  year: number;
  asOf: string;
  certification: {
    enforcementStaff: number;
    certified: number;
    ratePercent: number | null;
    uncertified: { officerId: string; displayName: string; status: string }[];
  };
  exams: {
    candidates: number;
    sat: number;
    passed: number;
    participationPercent: number | null;
    passPercent: number | null;
  };
  training: {
    officers: number;
    requiredHours: number;
    totalHours: number;
    averageHours: number | null;
    belowRequirement: number;
  };
  legalReviewers: {
    reviewers: number;
    withQualification: number;
    ratioPercent: number | null;
    requiredPercent: number;
    meetsRequirement: boolean;
  };
  expiring: { within30: number; within60: number; within90: number };
}

export interface PlanSummary {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  title: string;
  note: string;
  sessionCount: number;
  totalHours: number;
  examCount: number;
  /** Changes make new versions; a withdrawn (撤销) record stays, marked, and no longer counts. */
  version: number;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface PlanDetail extends PlanSummary {
  sessions: {
    id: string;
    title: string;
    kind: string;
    online: boolean;
    heldOn: string;
    hours: number;
    field: string;
    trainerName: string | null;
    trainerId: string | null;
    version: number;
    withdrawnAt: string | null;
    withdrawnReason: string | null;
    attendees: { officerId: string; displayName: string; hours: number }[];
  }[];
  exams: {
    id: string;
    title: string;
    heldOn: string;
    passMark: number;
    version: number;
    withdrawnAt: string | null;
    withdrawnReason: string | null;
    results: { officerId: string; displayName: string; score: number | null; passed: boolean }[];
    candidates: number;
    sat: number;
    passed: number;
    participationPercent: number | null;
    passPercent: number | null;
  }[];
}

export interface Trainer {
  id: string;
  name: string;
  kind: string;
  organisation: string;
  field: string;
  rating: number;
}

export const fmtPercent = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)}%`);
