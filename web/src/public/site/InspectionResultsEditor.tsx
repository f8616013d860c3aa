import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { WithdrawalModal } from "../../components/WithdrawalModal";
import { api, buildUrl } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { InspectionItem, Paged, PublicAgency } from "../../lib/publicSite";
import { inspectionOutcomeOptions, outcomeColors, type StaffInspectionResult } from "./guidesResults";
import { useStaffList } from "./useStaffList";

type Fields = {
  itemId: string;
  partyType: "organisation" | "individual";
  partyName: string;
  creditCode?: string;
  partyIdNumber?: string;
  partyPhone?: string;
  inspectedOn: Dayjs;
  inspectors: string;
  result: string;
  handling: string;
  caseNumber?: string;
};

/**
 * 抽查结果公示 of an agency (C13, 双随机、一公开), edited by publicity.manage staff: publish, correct
 * (a new version) and withdraw with a reason shown publicly. The server masks individuals' data
 * (G6) and computes the publish-by date (G3: 20 working days, a setting).
 */
export function InspectionResultsEditor({ agencyId }: { agencyId: string }) {
  const showError = useApiError();
  const list = useStaffList<StaffInspectionResult>("/inspection-results", agencyId);
  const [items, setItems] = useState<InspectionItem[]>([]);
  const [agencies, setAgencies] = useState<PublicAgency[]>([]);
  const [editing, setEditing] = useState<StaffInspectionResult | "new">();
  const [withdrawing, setWithdrawing] = useState<StaffInspectionResult>();
  const [form] = Form.useForm<Fields>();
  const partyType = Form.useWatch("partyType", form);
  const result = Form.useWatch("result", form);

  useEffect(() => {
    api.get<PublicAgency[]>("/public/agencies").then(setAgencies, showError);
    api
      .get<Paged<InspectionItem>>("/public/inspection-items", { pageSize: 200 })
      .then((p) => setItems(p.items), showError);
  }, [showError]);

  // The items of the agency and of the agencies above it (a squad inspects under its bureau's list).
  const itemOptions = useMemo(() => {
    const chain = new Set<string>();
    let id: string | null | undefined = agencyId;
    while (id && !chain.has(id)) {
      chain.add(id);
      id = agencies.find((a) => a.id === id)?.parentId;
    }
    return items
      .filter((i) => chain.has(i.agencyId))
      .map((i) => ({ value: i.itemId, label: `${i.name}（${i.agencyName}）` }));
  }, [agencies, items, agencyId]);

  const save = (v: Fields) =>
    list.act(
      () =>
        api.post<{ publishDueOn: string | null; late: boolean }>("/inspection-results", {
          agencyId,
          ...(editing && editing !== "new" ? { resultId: editing.resultId } : {}),
          ...v,
          inspectedOn: v.inspectedOn.format("YYYY-MM-DD"),
          creditCode: v.partyType === "organisation" ? (v.creditCode ?? "") : "",
          partyIdNumber: v.partyType === "individual" ? (v.partyIdNumber ?? "") : "",
          partyPhone: v.partyPhone ?? "",
          caseNumber: v.caseNumber ?? "",
        }),
      (r) =>
        r.late
          ? `已公示（已超过 G3 公示期限 ${r.publishDueOn}）`
          : `已公示${r.publishDueOn ? `，应公示期限 ${r.publishDueOn}（G3）` : ""}`,
      () => setEditing(undefined),
    );

  const withdraw = async (reason: string) => {
    if (!withdrawing || !reason) return false;
    let ok = false;
    await list.act(
      () => api.post(`/inspection-results/${withdrawing.resultId}/withdrawal`, { reason }),
      "已撤回，撤回原因已公开",
      () => {
        ok = true;
        setWithdrawing(undefined);
      },
    );
    return ok;
  };

  return (
    <Card
      title="随机抽查结果公示（G3：检查后 20 个工作日内公示）"
      extra={
        <Space>
          <a href={buildUrl("/inspection-results/export", { agencyId })}>导出 Excel</a>
          <a href="/public/inspection-results" target="_blank" rel="noreferrer">
            查看公示网站
          </a>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ partyType: "organisation", inspectedOn: dayjs(), result: "no_problem" });
              setEditing("new");
            }}
          >
            公示抽查结果
          </Button>
        </Space>
      }
    >
      <Table
        rowKey="resultId"
        {...list.tableProps}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" size={2}>
              <span>公示内容（已隐去个人信息）：{r.publicHandling}</span>
              <span>检查人员：{r.inspectors}</span>
              {r.withdrawn && <span>撤回原因：{r.removalReason}</span>}
            </Space>
          ),
        }}
        columns={[
          {
            title: "检查对象",
            render: (_, r) => `${r.partyName}${r.partyType === "individual" ? "（个人）" : ""}`,
          },
          { title: "公示名称", dataIndex: "partyDisplay" },
          { title: "抽查事项", dataIndex: "itemName" },
          { title: "检查日期", dataIndex: "inspectedOn" },
          {
            title: "结果",
            render: (_, r) =>
              r.withdrawn ? (
                <Tag color="orange">已撤回</Tag>
              ) : (
                <Tag color={outcomeColors[r.result]}>{r.resultName}</Tag>
              ),
          },
          {
            title: "公示期限",
            render: (_, r) => (
              <Space size={4}>
                {r.publishDueOn ?? "日历未覆盖"}
                {r.late && <Tag color="red">逾期公示</Tag>}
              </Space>
            ),
          },
          { title: "版本", dataIndex: "version" },
          {
            title: "操作",
            render: (_, r) =>
              r.withdrawn ? null : (
                <Space>
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue({
                        itemId: r.itemId,
                        partyType: r.partyType,
                        partyName: r.partyName,
                        creditCode: r.creditCode,
                        partyIdNumber: r.partyIdNumber,
                        partyPhone: r.partyPhone,
                        inspectedOn: dayjs(r.inspectedOn),
                        inspectors: r.inspectors,
                        result: r.result,
                        handling: r.handling,
                        caseNumber: r.caseNumber,
                      });
                      setEditing(r);
                    }}
                  >
                    更正
                  </Button>
                  <Button size="small" danger onClick={() => setWithdrawing(r)}>
                    撤回
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? "公示抽查结果" : "更正抽查结果（保存为新版本）"}
        okText="公示"
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        width={640}
        forceRender
      >
        <Form name="inspectionResult" form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="itemId" label="抽查事项" rules={[{ required: true, message: "请选择抽查事项" }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={itemOptions}
              placeholder="随机抽查事项清单中的事项"
            />
          </Form.Item>
          <Form.Item name="partyType" label="检查对象类型" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "organisation", label: "单位（含个体工商户）" },
                { value: "individual", label: "个人" },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="partyName"
            label="检查对象名称"
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          {partyType === "organisation" ? (
            <Form.Item
              name="creditCode"
              label="统一社会信用代码（公开）"
              rules={[{ len: 18, message: "应为 18 位" }]}
            >
              <Input maxLength={18} />
            </Form.Item>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                个人的姓名、身份证号码和电话不会公开：公示网站显示“张某某”，文字中出现的号码一并隐去（G6）。
              </Typography.Paragraph>
              <Form.Item
                name="partyIdNumber"
                label="身份证号码（不公开）"
                rules={[{ len: 18, message: "应为 18 位" }]}
              >
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item name="partyPhone" label="联系电话（不公开）" rules={[{ max: 30 }]}>
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
          <Form.Item
            name="inspectors"
            label="检查人员"
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input placeholder="例如：张伟、李娜" />
          </Form.Item>
          <Form.Item name="result" label="抽查结果" rules={[{ required: true }]}>
            <Select options={inspectionOutcomeOptions} />
          </Form.Item>
          <Form.Item
            name="handling"
            label="处理情况"
            rules={[{ required: true, whitespace: true, max: 2000 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="caseNumber"
            label="案件编号"
            rules={[
              { required: result === "case_opened", whitespace: true, message: "已立案查处的须填写案件编号" },
            ]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <WithdrawalModal
        open={!!withdrawing}
        title={`撤回抽查结果：${withdrawing?.partyDisplay ?? ""}`}
        note="撤回后公示网站显示撤回原因（个人信息由服务器隐去）。历史版本保留。"
        onWithdraw={withdraw}
        onCancel={() => setWithdrawing(undefined)}
      />
    </Card>
  );
}
