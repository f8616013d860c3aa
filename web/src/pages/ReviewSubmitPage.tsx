import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { outcomeLabels, type ReviewDetail } from "../lib/reviews";

const materialLabels: Record<string, string> = {
  investigation_report: "案件调查终结报告",
  proposal: "拟作出的处理决定",
  evidence: "证据材料",
  legal_basis: "法律依据及裁量基准适用说明",
  statement_record: "陈述申辩笔录",
  hearing_report: "听证笔录和听证报告",
};

interface Reviewers {
  items: { userId: string; name: string; refusal: string | null }[];
  requiredMaterials: string[];
  state: string;
}

/** 提交法制审核 (P10, L2): the proposed decision, the materials and the reviewer; a resubmission starts from the last one. */
export default function ReviewSubmitPage() {
  const [params] = useSearchParams();
  const caseId = params.get("caseId") ?? "";
  const from = params.get("from");
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm();
  const [reviewers, setReviewers] = useState<Reviewers>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!caseId) return;
    api
      .get<Reviewers>(`/cases/${caseId}/reviewers`)
      .then((r) => {
        setReviewers(r);
        form.setFieldsValue({ materials: r.requiredMaterials });
      })
      .catch(showError);
    if (from)
      api
        .get<ReviewDetail>(`/reviews/${from}`)
        .then((d) =>
          form.setFieldsValue({
            outcome: d.proposal.outcome,
            fineYuan: d.proposal.penalty?.fineFen ? d.proposal.penalty.fineFen / 100 : undefined,
            reasons: d.proposal.reasons,
            benchmarkReason: d.proposal.benchmarkReason,
          }),
        )
        .catch(showError);
  }, [caseId, from, form, showError]);

  const submit = async (v: {
    outcome: string;
    fineYuan?: number;
    reasons: string;
    benchmarkReason?: string;
    materials: string[];
    reviewerId: string;
    note?: string;
  }) => {
    setBusy(true);
    try {
      const res = await api.post<{ id: string }>("/reviews", {
        caseId,
        proposal: {
          outcome: v.outcome,
          ...(v.outcome === "penalty" ? { penalty: { fineFen: Math.round((v.fineYuan ?? 0) * 100) } } : {}),
          reasons: v.reasons,
          ...(v.benchmarkReason ? { benchmarkReason: v.benchmarkReason } : {}),
        },
        materials: v.materials,
        reviewerId: v.reviewerId,
        note: v.note ?? "",
      });
      message.success("已提交法制审核");
      navigate(`/reviews/${res.id}`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {from ? "修改后重新提交法制审核" : "提交法制审核"}
      </Typography.Title>
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ outcome: "penalty" }}
          style={{ maxWidth: 640 }}
        >
          <Form.Item name="outcome" label="拟处理结果" rules={[{ required: true }]}>
            <Select options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="fineYuan" label="罚款（元）">
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="reasons"
            label="事实、理由和依据"
            rules={[{ required: true, message: "请填写理由" }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="benchmarkReason" label="偏离裁量基准的理由（如有）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="materials" label="提交材料" rules={[{ required: true }]}>
            <Checkbox.Group
              options={Object.entries(materialLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item
            name="reviewerId"
            label="审核人员"
            rules={[{ required: true, message: "请选择审核人员" }]}
          >
            <Select
              placeholder="法制审核人员"
              options={(reviewers?.items ?? []).map((r) => ({
                value: r.userId,
                label: r.refusal ? `${r.name}（${r.refusal}）` : r.name,
                disabled: r.refusal !== null,
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交审核
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
