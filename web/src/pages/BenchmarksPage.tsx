import { CalculatorOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { AgencySelect } from "../components/AgencySelect";
import { BenchmarkFormModal } from "../components/BenchmarkFormModal";
import { CombinedAssessment } from "../components/CombinedAssessment";
import { ImportExcelButton } from "../components/ImportExcelButton";
import { ListTable } from "../components/ListTable";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import {
  type ArticleRef,
  downloadFile,
  harmLabels,
  lighterLabels,
  options,
  partyTypeLabels,
  penaltyKindLabels,
  type ReviewFlag,
  tierLabels,
  yuanText,
} from "../lib/powers";
import { useServerList } from "../lib/useServerList";
import { ReviewFlagsTable } from "./PowersPage";

interface Range {
  partyType: string;
  above: number | null;
  upTo: number | null;
  minFen: number;
  maxFen: number;
}
interface Tier {
  level: string;
  conditions: string;
  harm: string[];
  penalties: string[];
  ranges: Range[];
}
interface Benchmark {
  id: string;
  agencyId: string;
  agencyName: string;
  code: string;
  violationName: string;
  powerItemId: string | null;
  powerItemCode: string | null;
  powerItemName: string | null;
  violationId: string | null;
  violationCode: string | null;
  quantityName: string | null;
  quantityUnit: string | null;
  tiers: Tier[];
  effectiveFrom: string | null;
  effectiveTo: string | null;
  published: boolean;
  openFlags: number;
  version: number;
}
type BenchmarkDetail = Benchmark & {
  violatedArticles: ArticleRef[];
  penaltyArticles: ArticleRef[];
  versions: { version: number; changedAt: string }[];
  flags: ReviewFlag[];
};
interface Assessment {
  tier: string;
  tierLabel: string;
  baseTier: string;
  range: { minFen: number; maxFen: number } | null;
  penalties: string[];
  exemptions: { code: string; rule: string; mandatory: boolean; label: string; basis: string }[];
  rules: string[];
  explanation: string[];
}

const bandText = (r: Range, b: Benchmark) => {
  const n = b.quantityName ?? "数量";
  const u = b.quantityUnit ?? "";
  if (r.above === null && r.upTo === null) return "";
  if (r.above === null) return `${n} ≤ ${r.upTo}${u}`;
  if (r.upTo === null) return `${n} > ${r.above}${u}`;
  return `${r.above}${u} < ${n} ≤ ${r.upTo}${u}`;
};

const Calculator = ({ b }: { b: Benchmark }) => {
  const showError = useApiError();
  const [form] = Form.useForm();
  const [result, setResult] = useState<Assessment | null>(null);
  const [proposed, setProposed] = useState<number | null>(null);
  const run = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      setResult(
        await api.post<Assessment>(`/benchmarks/${b.id}/assess`, {
          partyType: v.partyType,
          facts: {
            harm: v.harm,
            quantities:
              b.quantityName && v.quantity !== undefined && v.quantity !== null
                ? { [b.quantityName]: v.quantity }
                : {},
            circumstances: v.circumstances ?? [],
            firstViolation: (v.flags ?? []).includes("firstViolation"),
            correctedInTime: (v.flags ?? []).includes("correctedInTime"),
            mentalIncapacity: (v.flags ?? []).includes("mentalIncapacity"),
            noFault: (v.flags ?? []).includes("noFault"),
            alreadyFined: (v.flags ?? []).includes("alreadyFined"),
            ...(v.age !== undefined && v.age !== null ? { age: v.age } : {}),
          },
        }),
      );
    } catch (e) {
      setResult(null);
      showError(e);
    }
  };
  const outside =
    result && proposed !== null
      ? result.range
        ? proposed * 100 < result.range.minFen || proposed * 100 > result.range.maxFen
        : proposed > 0
      : false;
  return (
    <>
      <Form
        name="benchmarkCalculator"
        form={form}
        layout="vertical"
        initialValues={{ partyType: "individual", harm: "ordinary" }}
      >
        <Space wrap align="start">
          <Form.Item name="partyType" label="当事人类型" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "individual", label: "个人" },
                { value: "organisation", label: "单位" },
              ]}
            />
          </Form.Item>
          <Form.Item name="harm" label="危害后果" rules={[{ required: true, message: "请选择" }]}>
            <Select options={options(harmLabels)} style={{ width: 160 }} />
          </Form.Item>
          {b.quantityName && (
            <Form.Item
              name="quantity"
              label={`${b.quantityName}${b.quantityUnit ? `（${b.quantityUnit}）` : ""}`}
              rules={[{ required: true, message: `请填写${b.quantityName}` }]}
            >
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
          )}
          <Form.Item name="age" label="年龄（个人，可不填）">
            <InputNumber min={0} max={150} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="flags" label="情节">
          <Checkbox.Group
            options={[
              { value: "firstViolation", label: "初次违法" },
              { value: "correctedInTime", label: "及时改正" },
              { value: "noFault", label: "有证据证明没有主观过错" },
              { value: "mentalIncapacity", label: "不能辨认或者控制自己行为" },
              { value: "alreadyFined", label: "同一违法行为已被罚款（P13）" },
            ]}
          />
        </Form.Item>
        <Form.Item name="circumstances" label="应当从轻、减轻情形（P12）">
          <Select mode="multiple" options={options(lighterLabels)} placeholder="无" />
        </Form.Item>
        <Button type="primary" icon={<CalculatorOutlined />} onClick={run}>
          计算
        </Button>
      </Form>
      {result && (
        <Card size="small" style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="适用档次">
              <Tag color={result.tier === "no_penalty" ? "green" : "blue"}>{result.tierLabel}</Tag>
              {result.baseTier !== result.tier && (
                <Typography.Text type="secondary">（原档次：{tierLabels[result.baseTier]}）</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="罚款幅度">
              {result.range
                ? `${yuanText(result.range.minFen)} – ${yuanText(result.range.maxFen)} 元`
                : "不予罚款"}
            </Descriptions.Item>
            <Descriptions.Item label="处罚种类">
              {result.penalties.map((p) => penaltyKindLabels[p] ?? p).join("、") || "—"}
            </Descriptions.Item>
            <Descriptions.Item label="适用情形">
              {result.exemptions.length
                ? result.exemptions.map((e) => (
                    <Tag key={e.code} color={e.mandatory ? "orange" : "default"}>
                      {e.rule} {e.label}
                      {e.mandatory ? "" : "（可以）"}
                    </Tag>
                  ))
                : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="依据规则">{result.rules.join("、")}</Descriptions.Item>
          </Descriptions>
          <Typography.Text strong>说明</Typography.Text>
          <ol style={{ paddingLeft: 20, marginTop: 4 }}>
            {result.explanation.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ol>
          <Space>
            拟罚款（元）
            <InputNumber min={0} precision={2} value={proposed} onChange={(v) => setProposed(v)} />
          </Space>
          {outside && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title="超出裁量基准幅度：须书面说明理由，并提交法制审核"
            />
          )}
        </Card>
      )}
    </>
  );
};

export default function BenchmarksPage() {
  const { can, agenciesWith } = useAuth();
  const agency = useAgency();
  const { message } = App.useApp();
  const showError = useApiError();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useServerList<Benchmark>("/benchmarks", filters, { order: "asc" });
  const [openId, setOpenId] = useState<string | null>(null);
  const [detail, setDetail] = useState<BenchmarkDetail | null>(null);
  const manageable = agenciesWith("power.manage");
  const [formOpen, setFormOpen] = useState<"new" | "edit" | null>(null);
  const targetAgency =
    filters.agencyId && manageable.includes(filters.agencyId)
      ? filters.agencyId
      : agency.currentId && manageable.includes(agency.currentId)
        ? agency.currentId
        : (manageable[0] ?? null);

  const load = useCallback(
    async (id: string) => {
      try {
        setDetail(await api.get<BenchmarkDetail>(`/benchmarks/${id}`));
      } catch (e) {
        showError(e);
      }
    },
    [showError],
  );
  useEffect(() => {
    if (openId) void load(openId);
    else setDetail(null);
  }, [openId, load]);

  const togglePublished = async (b: BenchmarkDetail) => {
    try {
      await api.patch(`/benchmarks/${b.id}`, { version: b.version, published: !b.published });
      message.success(b.published ? "已取消公开" : "已公开");
      void load(b.id);
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<Benchmark> = [
    { title: "编码", dataIndex: "code", key: "code", width: 110 },
    {
      title: "违法行为",
      dataIndex: "violationName",
      key: "violationName",
      render: (n: string, b) => (
        <Space>
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(b.id)}>
            {n}
          </Button>
          {b.openFlags > 0 && <Tag color="orange">需复核</Tag>}
        </Space>
      ),
    },
    { title: "权责事项", key: "power", width: 130, render: (_, b) => b.powerItemCode ?? "—" },
    {
      title: "档次",
      key: "tiers",
      width: 240,
      render: (_, b) => b.tiers.map((t) => <Tag key={t.level}>{tierLabels[t.level]}</Tag>),
    },
    { title: "制定机关", dataIndex: "agencyName", key: "agencyName", width: 200 },
    {
      title: "公开",
      dataIndex: "published",
      key: "published",
      width: 80,
      render: (p: boolean) => (p ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>),
    },
  ];

  const tierColumns = (b: Benchmark): TableColumnsType<Tier> => [
    {
      title: "档次",
      dataIndex: "level",
      key: "level",
      width: 100,
      render: (l: string) => tierLabels[l] ?? l,
    },
    { title: "情形", dataIndex: "conditions", key: "conditions" },
    {
      title: "危害后果",
      dataIndex: "harm",
      key: "harm",
      width: 140,
      render: (h: string[]) => (h.length ? h.map((x) => harmLabels[x]).join("、") : "不限"),
    },
    {
      title: "处罚种类",
      dataIndex: "penalties",
      key: "penalties",
      width: 130,
      render: (p: string[]) => p.map((x) => penaltyKindLabels[x]).join("、") || "—",
    },
    {
      title: "罚款幅度",
      dataIndex: "ranges",
      key: "ranges",
      width: 260,
      render: (rs: Range[]) =>
        rs.length
          ? rs.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no id; their order is the data
              <div key={i}>
                {[partyTypeLabels[r.partyType], bandText(r, b)].filter(Boolean).join("，")}：
                {yuanText(r.minFen)}–{yuanText(r.maxFen)} 元
              </div>
            ))
          : "不罚款",
    },
  ];

  return (
    <Card title="裁量基准">
      <Tabs
        items={[
          {
            key: "list",
            label: "基准列表",
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <AgencySelect
                    agencies={agency.all}
                    allowClear
                    placeholder="制定机关"
                    style={{ width: 220 }}
                    value={filters.agencyId}
                    onChange={(v) => setFilters((f) => ({ ...f, agencyId: v }))}
                  />
                  <Select
                    allowClear
                    placeholder="是否公开"
                    style={{ width: 110 }}
                    value={filters.published}
                    onChange={(v) => setFilters((f) => ({ ...f, published: v }))}
                    options={[
                      { value: "true", label: "已公开" },
                      { value: "false", label: "未公开" },
                    ]}
                  />
                  <Input.Search
                    placeholder="搜索编码、违法行为"
                    allowClear
                    onSearch={list.setQ}
                    style={{ width: 240 }}
                  />
                  <Button
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      downloadFile(
                        "/benchmarks/export",
                        { ...filters, q: list.state.q },
                        "裁量基准.xlsx",
                      ).catch(showError)
                    }
                  >
                    导出 Excel
                  </Button>
                  {manageable.length > 0 && (
                    <>
                      <ImportExcelButton
                        path="/benchmarks/import"
                        agencyId={targetAgency}
                        onDone={list.reload}
                      />
                      <Button
                        type="primary"
                        icon={<PlusOutlined />}
                        disabled={!targetAgency}
                        onClick={() => setFormOpen("new")}
                      >
                        新增基准
                      </Button>
                    </>
                  )}
                </Space>
                {manageable.length > 0 && targetAgency && (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    导入的基准属于：{agency.nameOf(targetAgency)}。Excel
                    导入以导出文件为模板：每个罚款幅度一行，按“基准编码”匹配。
                  </Typography.Paragraph>
                )}
                <ListTable list={list} columns={columns} />
              </>
            ),
          },
          { key: "combined", label: "合并裁量（P13）", children: <CombinedAssessment /> },
          { key: "review", label: "待复核（法律变更）", children: <ReviewFlagsTable kind="benchmark" /> },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={detail ? `${detail.code} ${detail.violationName}` : "裁量基准"}
        extra={
          detail && can("power.manage", detail.agencyId) ? (
            <Space>
              <Button onClick={() => togglePublished(detail)}>
                {detail.published ? "取消公开" : "公开"}
              </Button>
              <Button type="primary" onClick={() => setFormOpen("edit")}>
                修改
              </Button>
            </Space>
          ) : null
        }
      >
        {detail && (
          <>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="违法行为编码">{detail.violationCode ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="权责事项">
                {detail.powerItemCode ? `${detail.powerItemCode} ${detail.powerItemName}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label="违反条款" span={2}>
                {detail.violatedArticles.map((a) => `《${a.lawTitle}》${a.number}`).join("；") || "—"}
              </Descriptions.Item>
              <Descriptions.Item label="处罚依据" span={2}>
                {detail.penaltyArticles.map((a) => `《${a.lawTitle}》${a.number}`).join("；") || "—"}
              </Descriptions.Item>
              <Descriptions.Item label="生效日期">{detail.effectiveFrom ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="版本">
                第 {detail.version} 版（共 {detail.versions.length} 版）
              </Descriptions.Item>
            </Descriptions>
            {detail.flags.some((f) => !f.clearedAt) && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                title="引用的法律条款已变更，本基准需复核"
              />
            )}
            <Divider titlePlacement="start">档次与幅度</Divider>
            <Table<Tier>
              rowKey="level"
              size="small"
              pagination={false}
              columns={tierColumns(detail)}
              dataSource={detail.tiers}
            />
            <Divider titlePlacement="start">条文</Divider>
            <List
              size="small"
              dataSource={[...detail.violatedArticles, ...detail.penaltyArticles]}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={`《${a.lawTitle}》${a.number}`} description={a.text} />
                </List.Item>
              )}
            />
            <Divider titlePlacement="start">裁量计算</Divider>
            <Calculator key={detail.id} b={detail} />
          </>
        )}
      </Drawer>
      <BenchmarkFormModal
        open={formOpen !== null}
        editing={formOpen === "edit" ? detail : null}
        agencyId={targetAgency}
        onClose={() => setFormOpen(null)}
        onSaved={(id) => {
          setFormOpen(null);
          list.reload();
          if (id === openId) void load(id);
          else setOpenId(id);
        }}
      />
    </Card>
  );
}
