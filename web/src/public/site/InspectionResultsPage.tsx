import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { InspectionItem, Paged, PublicAgency } from "../../lib/publicSite";
import { type InspectionResult, inspectionOutcomeOptions, outcomeColors } from "./guidesResults";
import { type UrlListValues, useUrlList } from "./usePublicList";

/** The details of a result under its row: what was found and done (masked by the server, G6). */
function ResultDetail({ r }: { r: InspectionResult }) {
  return (
    <Descriptions column={1} size="small">
      {r.withdrawn && (
        <Descriptions.Item label="撤回原因">
          <Typography.Text type="warning">{r.withdrawalReason}</Typography.Text>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="执法机关">{r.agencyName}</Descriptions.Item>
      {r.creditCode && <Descriptions.Item label="统一社会信用代码">{r.creditCode}</Descriptions.Item>}
      <Descriptions.Item label="检查人员">{r.inspectors}</Descriptions.Item>
      <Descriptions.Item label="处理情况">{r.handling}</Descriptions.Item>
      {r.caseNumber && <Descriptions.Item label="案件编号">{r.caseNumber}</Descriptions.Item>}
      <Descriptions.Item label="公示日期">
        {new Date(r.publishedAt).toLocaleDateString("zh-CN")}
        {r.publishDueOn ? `（应于 ${r.publishDueOn} 前公示，G3）` : ""}
        {r.version > 1 ? ` · 已更正（第 ${r.version} 版）` : ""}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 抽查结果公示 (C13, 双随机、一公开): results of random inspections, searched by keyword, agency,
 * inspection item, result and inspection date; individuals' data masked by the server (G6).
 */
export default function InspectionResultsPage() {
  const [agencies, setAgencies] = useState<PublicAgency[]>([]);
  const [items, setItems] = useState<InspectionItem[]>([]);
  const showError = useApiError();
  const { page, data, loading, initialValues, search, setPage } = useUrlList<Paged<InspectionResult>>(
    "/public/inspection-results",
    ["q", "agencyId", "itemId", "result"],
  );

  useEffect(() => {
    api.get<PublicAgency[]>("/public/agencies").then(setAgencies, showError);
    api
      .get<Paged<InspectionItem>>("/public/inspection-items", { pageSize: 200 })
      .then((p) => setItems(p.items), showError);
  }, [showError]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="随机抽查结果公示">
        <Form<UrlListValues> layout="vertical" onFinish={search} initialValues={initialValues}>
          <Form.Item
            name="q"
            label="关键词（检查对象、信用代码、抽查事项、案件编号）"
            style={{ marginBottom: 12 }}
          >
            <Input allowClear maxLength={100} placeholder="例如：餐饮" />
          </Form.Item>
          <Space wrap style={{ width: "100%" }}>
            <Form.Item name="agencyId" label="执法机关" style={{ marginBottom: 12, minWidth: 220 }}>
              <Select
                allowClear
                placeholder="全部"
                options={agencies.map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
            <Form.Item name="itemId" label="抽查事项" style={{ marginBottom: 12, minWidth: 220 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder="全部"
                options={items.map((i) => ({ value: i.itemId, label: i.name }))}
              />
            </Form.Item>
            <Form.Item name="result" label="抽查结果" style={{ marginBottom: 12, minWidth: 200 }}>
              <Select allowClear placeholder="全部" options={inspectionOutcomeOptions} />
            </Form.Item>
            <Form.Item name="dates" label="检查日期" style={{ marginBottom: 12 }}>
              <DatePicker.RangePicker />
            </Form.Item>
          </Space>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <a href="/api/v1/public/inspection-results" target="_blank" rel="noreferrer">
              JSON 接口
            </a>
          </Space>
        </Form>
      </Card>
      <Card>
        <Table<InspectionResult>
          rowKey="resultId"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: "没有符合条件的抽查结果" }}
          expandable={{ expandedRowRender: (r) => <ResultDetail r={r} />, expandRowByClick: true }}
          pagination={{
            current: page,
            pageSize: data?.pageSize ?? 10,
            total: data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            size: "small",
            showTotal: (n) => `共 ${n} 条`,
          }}
          columns={[
            {
              title: "检查对象",
              render: (_, r) => (
                <>
                  <div>{r.partyDisplay}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.itemName}
                  </Typography.Text>
                </>
              ),
            },
            { title: "执法机关", dataIndex: "agencyName", responsive: ["md"] },
            { title: "检查日期", dataIndex: "inspectedOn", width: 110 },
            {
              title: "抽查结果",
              render: (_, r) =>
                r.withdrawn ? (
                  <Tag color="orange">已撤回</Tag>
                ) : (
                  <Tag color={outcomeColors[r.result]} style={{ whiteSpace: "normal" }}>
                    {r.resultName}
                  </Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
