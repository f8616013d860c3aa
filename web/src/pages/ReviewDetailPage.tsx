import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Radio,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { WithdrawalModal } from "../components/WithdrawalModal";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import {
  manualItems,
  outcomeLabels,
  type ReviewDetail,
  reviewStatusColors,
  reviewStatusLabels,
} from "../lib/reviews";

type ChecklistRow = {
  item: string;
  label: string;
  machine: boolean | null;
  evidence: string;
  ruleId: string;
};
type Answer = { ok: boolean; comment: string };

const machineTag = (ok: boolean | null) =>
  ok === null ? <Tag>待人工审查</Tag> : ok ? <Tag color="green">符合</Tag> : <Tag color="red">存在问题</Tag>;

/**
 * 法制审核页 (P10, L2): the checklist with each machine item pre-filled (evidence beside it) and the
 * reviewer's confirm / override with a comment; the case's steps and evidence side by side; the
 * opinion 同意 / 存在问题 (returns the case); what changed since the last review.
 */
export default function ReviewDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [r, setR] = useState<ReviewDetail>();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [comment, setComment] = useState("");
  const [escalation, setEscalation] = useState("");
  const [busy, setBusy] = useState(false);
  const [extending, setExtending] = useState(false);

  const load = useCallback(() => {
    api
      .get<ReviewDetail>(`/reviews/${id}`)
      .then((d) => {
        setR(d);
        const a: Record<string, Answer> = {};
        for (const c of d.checks) a[c.item] = { ok: c.ok !== false, comment: "" };
        for (const m of manualItems) a[m.item] = { ok: true, comment: "" };
        setAnswers(a);
      })
      .catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  if (!r) return <Spin />;
  const rows: ChecklistRow[] = [
    ...r.checks.map((c) => ({
      item: c.item,
      label: c.label,
      machine: c.ok,
      evidence: c.evidence,
      ruleId: c.ruleId,
    })),
    ...manualItems.map((m) => ({ ...m, machine: null, evidence: "由审核人员审查案卷认定", ruleId: "L2" })),
  ];
  const set = (item: string, patch: Partial<Answer>) =>
    setAnswers((a) => ({ ...a, [item]: { ...a[item]!, ...patch } }));
  const problems = rows.filter((x) => answers[x.item] && !answers[x.item]!.ok);

  const submitOpinion = async (opinion: "agree" | "problems") => {
    setBusy(true);
    try {
      await api.post(`/reviews/${r.id}/opinion`, {
        opinion,
        comment,
        items: rows.map((x) => ({
          item: x.item,
          ok: answers[x.item]!.ok,
          comment: answers[x.item]!.comment,
        })),
      });
      message.success(opinion === "agree" ? "已出具审核意见：同意" : "已退回办案机构补正");
      load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const escalate = async () => {
    setBusy(true);
    try {
      await api.post(`/reviews/${r.id}/escalate`, { reason: escalation });
      message.success("已提请集体讨论");
      load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  /** L3: the agency leader extends the deadline once, before it passes, with a reason. */
  const extend = async (reason: string) => {
    try {
      const x = await api.post<{ deadline: string; extendedBy: number }>(`/reviews/${r.id}/extension`, {
        reason,
      });
      message.success(`审核期限已延长 ${x.extendedBy} 个工作日，至 ${x.deadline}`);
      setExtending(false);
      load();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          法制审核 · {r.case.number ?? "（未编号）"}（第 {r.round} 次提交）
        </Typography.Title>
        <Tag color={reviewStatusColors[r.status]} data-testid="review-status">
          {reviewStatusLabels[r.status] ?? r.status}
        </Tag>
      </Space>
      {r.overdue && <Alert type="error" showIcon message={`已超过审核期限（${r.dueOn}）`} />}
      {r.previous && (
        <Alert
          type="info"
          showIcon
          message={`上次（第 ${r.previous.round} 次）审核意见：${r.previous.opinionComment}`}
          description={
            <div data-testid="changes">
              <div>
                自上次审核以来的变化：
                {r.previous.changes.length ? r.previous.changes.join("；") : "拟处理意见无变化"}
              </div>
              {r.previous.newSteps.length > 0 && (
                <div>新增办案环节：{r.previous.newSteps.map((s) => `${s.onDate} ${s.label}`).join("；")}</div>
              )}
            </div>
          }
        />
      )}
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label="当事人">{r.case.partyName}</Descriptions.Item>
        <Descriptions.Item label="办案机构">{r.case.agencyName}</Descriptions.Item>
        <Descriptions.Item label="办案人员">{r.case.officers.join("、")}</Descriptions.Item>
        <Descriptions.Item label="拟处理">
          {outcomeLabels[r.proposal.outcome] ?? r.proposal.outcome}：{r.proposalText}
        </Descriptions.Item>
        <Descriptions.Item label="提交人">{r.submitterName}</Descriptions.Item>
        <Descriptions.Item label="审核人员 / 期限">
          <span data-testid="review-due">
            {r.reviewerName} / {r.dueOn}
          </span>
          {r.extension && (
            <Typography.Text type="secondary" data-testid="review-extension">
              {" "}
              已延长 {r.extension.days} 个工作日（{r.extension.approvedBy}，{r.extension.reason}；原期限{" "}
              {r.extension.previousDeadline}）
            </Typography.Text>
          )}
          {r.canExtend && (
            <Button size="small" type="link" onClick={() => setExtending(true)}>
              延长审核期限
            </Button>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="理由" span={3}>
          {r.proposal.reasons}
          {r.proposal.benchmarkReason ? `（偏离裁量基准的理由：${r.proposal.benchmarkReason}）` : ""}
        </Descriptions.Item>
        <Descriptions.Item label="提交材料" span={3}>
          {r.materials.map((m) => m.label).join("、")}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col span={15}>
          <Card title="审核清单（L2）" size="small">
            <Table<ChecklistRow>
              rowKey="item"
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: "审核事项", dataIndex: "label", width: 180 },
                {
                  title: "系统核查",
                  dataIndex: "machine",
                  width: 100,
                  render: (v: boolean | null) => machineTag(v),
                },
                {
                  title: "依据",
                  dataIndex: "evidence",
                  render: (v: string, x) => (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v}（{x.ruleId}）
                    </Typography.Text>
                  ),
                },
                {
                  title: "审核认定",
                  width: 230,
                  render: (_: unknown, x) => {
                    const done = r.opinion?.items.find((i) => i.item === x.item);
                    if (done)
                      return (
                        <span>
                          {done.ok ? <Tag color="green">符合</Tag> : <Tag color="red">存在问题</Tag>}
                          {done.comment}
                        </span>
                      );
                    if (!r.canDecide) return null;
                    const a = answers[x.item]!;
                    return (
                      <Space
                        direction="vertical"
                        size={2}
                        style={{ width: "100%" }}
                        data-testid={`item-${x.item}`}
                      >
                        <Radio.Group
                          size="small"
                          value={a.ok ? "ok" : "problem"}
                          onChange={(e) => set(x.item, { ok: e.target.value === "ok" })}
                          options={[
                            { value: "ok", label: "符合" },
                            { value: "problem", label: "存在问题" },
                          ]}
                        />
                        <Input
                          size="small"
                          placeholder={
                            x.machine !== null && x.machine !== a.ok ? "更正系统结论须说明理由" : "意见"
                          }
                          value={a.comment}
                          onChange={(e) => set(x.item, { comment: e.target.value })}
                        />
                      </Space>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={9}>
          <Card title="办案环节" size="small">
            <Timeline
              items={r.case.events.map((e) => ({
                children: (
                  <span>
                    {e.onDate} {e.label}
                  </span>
                ),
              }))}
            />
          </Card>
          <Card title="证据材料" size="small" style={{ marginTop: 16 }}>
            {r.case.evidence.length ? (
              <List
                size="small"
                dataSource={r.case.evidence}
                renderItem={(e) => (
                  <List.Item>
                    <a href={`/api/v1/evidence/${e.id}/content`} target="_blank" rel="noreferrer">
                      {e.fileName}
                    </a>
                    <Tag>{e.kind}</Tag>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="暂无证据文件" />
            )}
          </Card>
        </Col>
      </Row>
      {r.opinion && (
        <Alert
          type={r.opinion.opinion === "agree" ? "success" : "warning"}
          message={`审核意见：${r.opinion.opinion === "agree" ? "同意" : "存在问题"}`}
          description={r.opinion.comment}
        />
      )}
      {r.escalation && (
        <Alert type="info" message="办案机构有异议，已提请集体讨论" description={r.escalation.reason} />
      )}
      {r.canDecide && (
        <Card title="审核意见" size="small">
          <Space direction="vertical" style={{ width: "100%" }}>
            <Input.TextArea
              rows={3}
              placeholder="审核意见（必填）"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="opinion-comment"
            />
            <Space>
              <Button
                type="primary"
                loading={busy}
                disabled={problems.length > 0}
                onClick={() => submitOpinion("agree")}
              >
                同意
              </Button>
              <Button
                danger
                loading={busy}
                disabled={problems.length === 0}
                onClick={() => submitOpinion("problems")}
              >
                存在问题，退回补正
              </Button>
              {problems.length > 0 && (
                <Typography.Text type="danger">
                  存在问题：{problems.map((p) => p.label).join("、")}
                </Typography.Text>
              )}
            </Space>
          </Space>
        </Card>
      )}
      <WithdrawalModal
        open={extending}
        title="延长审核期限（L3）"
        note={`审核期限 ${r.dueOn}。经批准可延长一次，须在期限届满前批准，延长的工作日数按本机关设置。`}
        okText="批准延长"
        placeholder="延长理由（必填，案情复杂等）"
        onWithdraw={extend}
        onCancel={() => setExtending(false)}
      />
      {r.canResubmit && (
        <Button type="primary" onClick={() => navigate(`/reviews/new?caseId=${r.caseId}&from=${r.id}`)}>
          补正后重新提交
        </Button>
      )}
      {r.canEscalate && (
        <Card title="对审核意见有异议" size="small">
          <Space.Compact style={{ width: "100%" }}>
            <Input
              placeholder="异议理由"
              value={escalation}
              onChange={(e) => setEscalation(e.target.value)}
            />
            <Button loading={busy} onClick={escalate}>
              提请集体讨论
            </Button>
          </Space.Compact>
        </Card>
      )}
    </Space>
  );
}
