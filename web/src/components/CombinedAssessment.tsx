import { CalculatorOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Checkbox,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { harmLabels, options, yuanText } from "../lib/powers";

interface Option {
  id: string;
  code: string;
  violationName: string;
  quantityName: string | null;
  quantityUnit: string | null;
}
interface Result {
  assessments: {
    benchmarkId: string | null;
    tierLabel: string;
    range: { minFen: number; maxFen: number } | null;
  }[];
  applied: number | null;
  range: { minFen: number; maxFen: number } | null;
  rules: string[];
  explanation: string[];
}

/** P13: one act breaking several rules — every benchmark is assessed, the higher fine applies, once. */
export const CombinedAssessment = () => {
  const showError = useApiError();
  const [form] = Form.useForm();
  const [all, setAll] = useState<Option[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    api
      .get<{ items: Option[] }>("/benchmarks", { pageSize: 200 })
      .then((r) => setAll(r.items))
      .catch(showError);
  }, [showError]);
  const quantities = [
    ...new Map(
      all
        .filter((b) => chosen.includes(b.id) && b.quantityName)
        .map((b) => [b.quantityName!, b.quantityUnit] as const),
    ),
  ];
  const run = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      setResult(
        await api.post<Result>("/benchmarks/assess", {
          benchmarkIds: v.benchmarkIds,
          partyType: v.partyType,
          facts: {
            harm: v.harm,
            quantities: Object.fromEntries(quantities.map(([n]) => [n, v[`q:${n}`]])),
            firstViolation: (v.flags ?? []).includes("firstViolation"),
            correctedInTime: (v.flags ?? []).includes("correctedInTime"),
          },
        }),
      );
    } catch (e) {
      setResult(null);
      showError(e);
    }
  };
  const nameOf = (id: string | null) => {
    const b = all.find((x) => x.id === id);
    return b ? `${b.code} ${b.violationName}` : "";
  };
  return (
    <>
      <Typography.Paragraph type="secondary">
        同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚，且不得给予两次以上罚款（行政处罚法第二十九条，P13）。
      </Typography.Paragraph>
      <Form
        name="combinedAssessment"
        form={form}
        layout="vertical"
        initialValues={{ partyType: "individual", harm: "ordinary" }}
      >
        <Form.Item
          name="benchmarkIds"
          label="适用的裁量基准（至少两个）"
          rules={[{ required: true, type: "array", min: 2, message: "请至少选择两个裁量基准" }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={all.map((b) => ({ value: b.id, label: `${b.code} ${b.violationName}` }))}
            onChange={setChosen}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="partyType" label="当事人类型" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "individual", label: "个人" },
                { value: "organisation", label: "单位" },
              ]}
            />
          </Form.Item>
          <Form.Item name="harm" label="危害后果" rules={[{ required: true }]}>
            <Select options={options(harmLabels)} style={{ width: 160 }} />
          </Form.Item>
          {quantities.map(([n, u]) => (
            <Form.Item
              key={n}
              name={`q:${n}`}
              label={`${n}${u ? `（${u}）` : ""}`}
              rules={[{ required: true, message: `请填写${n}` }]}
            >
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="flags" label="情节">
          <Checkbox.Group
            options={[
              { value: "firstViolation", label: "初次违法" },
              { value: "correctedInTime", label: "及时改正" },
            ]}
          />
        </Form.Item>
        <Button type="primary" icon={<CalculatorOutlined />} onClick={run}>
          合并计算
        </Button>
      </Form>
      {result && (
        <Card size="small" style={{ marginTop: 16 }}>
          <Table
            rowKey={(r) => String(r.benchmarkId)}
            size="small"
            pagination={false}
            dataSource={result.assessments}
            columns={[
              { title: "裁量基准", key: "b", render: (_, r) => nameOf(r.benchmarkId) },
              { title: "档次", dataIndex: "tierLabel", key: "t", width: 120 },
              {
                title: "罚款幅度",
                key: "r",
                width: 200,
                render: (_, r, i) => (
                  <Space>
                    {r.range ? `${yuanText(r.range.minFen)}–${yuanText(r.range.maxFen)} 元` : "不予罚款"}
                    {i === result.applied && <Tag color="red">适用</Tag>}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Text strong>说明（{result.rules.join("、")}）</Typography.Text>
          <ol style={{ paddingLeft: 20, marginTop: 4 }}>
            {result.explanation.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ol>
        </Card>
      )}
    </>
  );
};
