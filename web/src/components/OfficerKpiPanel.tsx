import { Card, Col, Progress, Row, Space, Statistic, Switch, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { fmtPercent, type Kpis } from "../lib/officers";

/** KPI cards of an agency (C04, L4): certification rate, exams, training hours, reviewers, expiry. */
export const OfficerKpiPanel = ({ agencyId }: { agencyId: string | null }) => {
  const showError = useApiError();
  const [subtree, setSubtree] = useState(true);
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const year = new Date().getFullYear();

  useEffect(() => {
    if (!agencyId) return;
    const ctrl = new AbortController();
    api
      .get<Kpis>(`/agencies/${agencyId}/kpis`, { year, subtree }, { signal: ctrl.signal })
      .then(setKpis)
      .catch(showError);
    return () => ctrl.abort();
  }, [agencyId, subtree, year, showError]);

  if (!kpis) return null;
  const c = kpis.certification;
  return (
    <Card
      size="small"
      title={`${kpis.agencyName} · ${kpis.year} 年度指标（截至 ${kpis.asOf}）`}
      extra={
        <Space>
          <Typography.Text type="secondary">含下级机构</Typography.Text>
          <Switch size="small" checked={subtree} onChange={setSubtree} />
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="officer-kpis"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Space>
            <Progress
              type="circle"
              size={72}
              percent={c.ratePercent ?? 0}
              format={() => fmtPercent(c.ratePercent)}
            />
            <Statistic title="持证率" value={`${c.certified} / ${c.enforcementStaff}`} />
          </Space>
          {c.uncertified.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">未持有效证：</Typography.Text>
              {c.uncertified.map((u) => (
                <Tag key={u.officerId}>{u.displayName}</Tag>
              ))}
            </div>
          )}
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="考试参考率" value={fmtPercent(kpis.exams.participationPercent)} />
          <Typography.Text type="secondary">
            应考 {kpis.exams.candidates}，实考 {kpis.exams.sat}
          </Typography.Text>
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="考试合格率" value={fmtPercent(kpis.exams.passPercent)} />
          <Typography.Text type="secondary">合格 {kpis.exams.passed} 人</Typography.Text>
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="人均培训学时"
            value={kpis.training.averageHours ?? "—"}
            suffix={`/ ${kpis.training.requiredHours}`}
          />
          <Typography.Text type={kpis.training.belowRequirement ? "warning" : "secondary"}>
            未达标 {kpis.training.belowRequirement} 人
          </Typography.Text>
        </Col>
        <Col xs={12} md={3}>
          <Tooltip
            title={`不低于 ${kpis.legalReviewers.requiredPercent}%（L4）；具有法律职业资格 ${kpis.legalReviewers.withQualification} 人`}
          >
            <Statistic
              title="法制审核人员比例"
              value={fmtPercent(kpis.legalReviewers.ratioPercent)}
              styles={{ content: { color: kpis.legalReviewers.meetsRequirement ? undefined : "#cf1322" } }}
            />
          </Tooltip>
          <Typography.Text type="secondary">{kpis.legalReviewers.reviewers} 人</Typography.Text>
        </Col>
        <Col xs={12} md={3}>
          <Statistic title="证件 30 日内到期" value={kpis.expiring.within30} />
          <Typography.Text type="secondary">
            60 日 {kpis.expiring.within60} · 90 日 {kpis.expiring.within90}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
};
