import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch } from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import {
  type ArticleRef,
  datePattern,
  harmLabels,
  options,
  partyTypeLabels,
  penaltyKindLabels,
  tierLabels,
} from "../lib/powers";
import type { Paged } from "../lib/types";
import { ArticlePicker } from "./ArticlePicker";

interface RangeValue {
  partyType: string;
  above: number | null;
  upTo: number | null;
  minFen: number;
  maxFen: number;
}
interface TierValue {
  level: string;
  conditions: string;
  harm: string[];
  penalties: string[];
  ranges: RangeValue[];
}
export interface BenchmarkEditable {
  id: string;
  version: number;
  code: string;
  violationName: string;
  powerItemId: string | null;
  violationId?: string | null;
  powerItemCode: string | null;
  powerItemName: string | null;
  violatedArticles: ArticleRef[];
  penaltyArticles: ArticleRef[];
  quantityName: string | null;
  quantityUnit: string | null;
  tiers: TierValue[];
  effectiveFrom: string | null;
  effectiveTo: string | null;
  published: boolean;
}

interface Props {
  open: boolean;
  /** null = new benchmark in `agencyId`. */
  editing: BenchmarkEditable | null;
  agencyId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}

const toFen = (yuan: number | null | undefined) => Math.round(Number(yuan ?? 0) * 100);
const cite = (a: ArticleRef) => ({ id: a.id, label: `《${a.lawTitle}》${a.number}` });

/** Create or change a discretion benchmark: violation, provisions, tiers and fine ranges (in 元). */
export const BenchmarkFormModal = ({ open, editing, agencyId, onClose, onSaved }: Props) => {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const showError = useApiError();
  const [powerOptions, setPowerOptions] = useState<{ value: string; label: string }[]>([]);
  type ViolationOption = { id: string; code: string; name: string; powerItemId: string | null };
  const [violations, setViolations] = useState<ViolationOption[]>([]);

  useEffect(() => {
    if (!open) return;
    api
      .get<Paged<{ id: string; code: string; name: string }>>("/powers", { kind: "penalty", pageSize: 200 })
      .then((r) => setPowerOptions(r.items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))))
      .catch(() => {});
    api
      .get<Paged<ViolationOption>>("/violations", { pageSize: 200 })
      .then((r) => setViolations(r.items))
      .catch(() => {});
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        ...editing,
        violatedArticleIds: editing.violatedArticles.map((a) => a.id),
        penaltyArticleIds: editing.penaltyArticles.map((a) => a.id),
        effectiveFrom: editing.effectiveFrom ?? "",
        effectiveTo: editing.effectiveTo ?? "",
        tiers: editing.tiers.map((t) => ({
          ...t,
          ranges: t.ranges.map((r) => ({ ...r, minYuan: r.minFen / 100, maxYuan: r.maxFen / 100 })),
        })),
      });
    } else {
      form.setFieldsValue({
        published: false,
        tiers: [
          {
            level: "ordinary",
            conditions: "",
            harm: [],
            penalties: ["order_correction", "fine"],
            ranges: [],
          },
        ],
      });
    }
  }, [open, editing, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = {
      code: v.code,
      violationName: v.violationName,
      violationId: v.violationId ?? null,
      powerItemId: v.powerItemId ?? null,
      violatedArticleIds: v.violatedArticleIds ?? [],
      penaltyArticleIds: v.penaltyArticleIds ?? [],
      quantityName: v.quantityName || null,
      quantityUnit: v.quantityUnit || null,
      effectiveFrom: v.effectiveFrom || null,
      effectiveTo: v.effectiveTo || null,
      published: Boolean(v.published),
      tiers: (v.tiers ?? []).map(
        (
          t: Omit<TierValue, "ranges"> & { ranges: (RangeValue & { minYuan: number; maxYuan: number })[] },
        ) => ({
          level: t.level,
          conditions: t.conditions,
          harm: t.harm ?? [],
          penalties: t.penalties ?? [],
          ranges: (t.ranges ?? []).map((r) => ({
            partyType: r.partyType ?? "any",
            above: r.above ?? null,
            upTo: r.upTo ?? null,
            minFen: toFen(r.minYuan),
            maxFen: toFen(r.maxYuan),
          })),
        }),
      ),
    };
    try {
      const saved = editing
        ? await api.patch<{ id: string }>(`/benchmarks/${editing.id}`, { ...body, version: editing.version })
        : await api.post<{ id: string }>("/benchmarks", { ...body, agencyId });
      message.success(editing ? "已保存（生成新版本）" : "已新增");
      onSaved(saved.id);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `修改裁量基准 ${editing.code}（将生成新版本）` : "新增裁量基准"}
      onOk={save}
      onCancel={onClose}
      okText="保存"
      width={920}
      destroyOnHidden
    >
      <Form name="benchmark" form={form} layout="vertical">
        <Space align="start" wrap>
          <Form.Item
            name="code"
            label="基准编码"
            rules={[
              { required: true, message: "请填写编码" },
              { pattern: /^[A-Za-z0-9\-_.]+$/, message: "只能包含字母、数字和 - _ ." },
            ]}
          >
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="violationId" label="违法行为（C03）">
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 300 }}
              placeholder="从违法行为库选择"
              options={violations.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }))}
              onChange={(id?: string) => {
                const x = violations.find((y) => y.id === id);
                if (x) form.setFieldsValue({ violationName: x.name, powerItemId: x.powerItemId });
              }}
            />
          </Form.Item>
          <Form.Item
            name="violationName"
            label="违法行为名称"
            rules={[{ required: true, min: 2, message: "请填写违法行为" }]}
          >
            <Input maxLength={300} style={{ width: 360 }} />
          </Form.Item>
          <Form.Item name="powerItemId" label="权责事项">
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={powerOptions}
              style={{ width: 300 }}
            />
          </Form.Item>
        </Space>
        <Form.Item name="violatedArticleIds" label="违反条款">
          <ArticlePicker initial={editing?.violatedArticles.map(cite)} />
        </Form.Item>
        <Form.Item name="penaltyArticleIds" label="处罚依据">
          <ArticlePicker initial={editing?.penaltyArticles.map(cite)} />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="quantityName" label="计量名称（如 面积）">
            <Input maxLength={20} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="quantityUnit" label="计量单位（如 ㎡）">
            <Input maxLength={10} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="生效日期" rules={[datePattern]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="effectiveTo" label="失效日期" rules={[datePattern]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="published" label="公开" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.List
          name="tiers"
          rules={[
            {
              validator: async (_, tiers: TierValue[] | undefined) => {
                if (!tiers?.length) throw new Error("至少需要一个档次");
                if (new Set(tiers.map((t) => t?.level)).size !== tiers.length)
                  throw new Error("同一档次只能出现一次");
              },
            },
          ]}
        >
          {(tiers, { add, remove }, { errors }) => (
            <>
              {tiers.map((tier) => (
                <Card
                  key={tier.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Form.Item name={[tier.name, "level"]} noStyle rules={[{ required: true }]}>
                      <Select options={options(tierLabels)} style={{ width: 160 }} />
                    </Form.Item>
                  }
                  extra={
                    <Button type="link" danger onClick={() => remove(tier.name)}>
                      删除档次
                    </Button>
                  }
                >
                  <Form.Item
                    name={[tier.name, "conditions"]}
                    label="情形描述"
                    rules={[{ required: true, message: "请填写情形" }]}
                  >
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                  <Space align="start" wrap>
                    <Form.Item name={[tier.name, "harm"]} label="适用的危害后果（不选=不限）">
                      <Select mode="multiple" options={options(harmLabels)} style={{ width: 380 }} />
                    </Form.Item>
                    <Form.Item name={[tier.name, "penalties"]} label="处罚种类">
                      <Select mode="multiple" options={options(penaltyKindLabels)} style={{ width: 380 }} />
                    </Form.Item>
                  </Space>
                  <Form.List name={[tier.name, "ranges"]}>
                    {(ranges, r) => (
                      <>
                        {ranges.map((range) => (
                          <Space key={range.key} align="baseline" wrap>
                            <Form.Item name={[range.name, "partyType"]} initialValue="any">
                              <Select options={options(partyTypeLabels)} style={{ width: 100 }} />
                            </Form.Item>
                            <Form.Item name={[range.name, "above"]}>
                              <InputNumber min={0} placeholder="计量 >" style={{ width: 100 }} />
                            </Form.Item>
                            <Form.Item name={[range.name, "upTo"]}>
                              <InputNumber min={0} placeholder="计量 ≤" style={{ width: 100 }} />
                            </Form.Item>
                            <Form.Item
                              name={[range.name, "minYuan"]}
                              rules={[{ required: true, message: "下限" }]}
                            >
                              <InputNumber
                                min={0}
                                precision={2}
                                placeholder="罚款下限（元）"
                                style={{ width: 140 }}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[range.name, "maxYuan"]}
                              dependencies={[["tiers", tier.name, "ranges", range.name, "minYuan"]]}
                              rules={[
                                { required: true, message: "上限" },
                                ({ getFieldValue }) => ({
                                  validator: (_, v: number) =>
                                    v === undefined ||
                                    v === null ||
                                    v >=
                                      Number(
                                        getFieldValue([
                                          "tiers",
                                          tier.name,
                                          "ranges",
                                          range.name,
                                          "minYuan",
                                        ]) ?? 0,
                                      )
                                      ? Promise.resolve()
                                      : Promise.reject(new Error("上限不能低于下限")),
                                }),
                              ]}
                            >
                              <InputNumber
                                min={0}
                                precision={2}
                                placeholder="罚款上限（元）"
                                style={{ width: 140 }}
                              />
                            </Form.Item>
                            <MinusCircleOutlined onClick={() => r.remove(range.name)} />
                          </Space>
                        ))}
                        <Button
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => r.add({ partyType: "any" })}
                        >
                          添加罚款幅度
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ level: undefined, conditions: "", harm: [], penalties: [], ranges: [] })}
              >
                添加档次
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
