import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Pagination,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, buildUrl } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import { powerFieldOptions } from "../../lib/powers";
import type { Paged, PublicAgency, PublicDecisionItem } from "../../lib/publicSite";
import { useUrlList } from "./usePublicList";

/**
 * 行政执法决定 (C13): published decisions (masked by the server, G6), searched by keyword
 * (organisation name, violation), field, agency and decision date range, paginated; open data as
 * CSV, Excel and an Atom feed.
 */
export default function DecisionsPage() {
  const [agencies, setAgencies] = useState<PublicAgency[]>([]);
  const showError = useApiError();
  const { query, page, data, loading, initialValues, search, setPage } = useUrlList<
    Paged<PublicDecisionItem> & { capped?: boolean }
  >("/public/decisions", ["q", "field", "agencyId"]);

  useEffect(() => {
    api.get<PublicAgency[]>("/public/agencies").then(setAgencies, showError);
  }, [showError]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="行政执法决定公示">
        <Form layout="vertical" onFinish={search} initialValues={initialValues}>
          <Form.Item name="q" label="关键词（单位名称、违法行为、文号）" style={{ marginBottom: 12 }}>
            <Input allowClear maxLength={100} placeholder="例如：占道经营" />
          </Form.Item>
          <Space wrap style={{ width: "100%" }}>
            <Form.Item name="field" label="执法领域" style={{ marginBottom: 12, minWidth: 160 }}>
              <Select
                allowClear
                placeholder="全部"
                options={powerFieldOptions.map((f) => ({ value: f, label: f }))}
              />
            </Form.Item>
            <Form.Item name="agencyId" label="执法机关" style={{ marginBottom: 12, minWidth: 220 }}>
              <Select
                allowClear
                placeholder="全部"
                options={agencies.map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
            <Form.Item name="dates" label="决定日期" style={{ marginBottom: 12 }}>
              <DatePicker.RangePicker />
            </Form.Item>
          </Space>
          <Space wrap>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <a href={buildUrl("/public/decisions/export.csv", query)}>下载 CSV</a>
            <a href={buildUrl("/public/decisions/export.xlsx", query)}>下载 Excel</a>
            <a href={buildUrl("/public/decisions/feed.atom")}>Atom 订阅</a>
            <a href="/api/v1/public/decisions" target="_blank" rel="noreferrer">
              JSON 接口
            </a>
          </Space>
        </Form>
      </Card>
      <Card>
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description="没有符合条件的决定" /> }}
          renderItem={(d) => (
            <List.Item key={d.id}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/public/decisions/${d.id}`}>{d.title}</Link>
                    {d.withdrawnAt && <Tag color="orange">已撤回</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>
                      {d.caseNumber} · {d.agencyName} · {d.decidedOn}
                    </div>
                    <div>
                      当事人：{d.partyDisplay} · {d.field}
                    </div>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                      {d.withdrawnAt
                        ? `撤回原因：${d.withdrawalReason ?? ""}`
                        : `${d.violation}；${d.penalty}`}
                    </Typography.Paragraph>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {data && data.total > data.pageSize && (
          <Pagination
            style={{ marginTop: 12, textAlign: "center" }}
            current={page}
            pageSize={data.pageSize}
            total={data.total}
            onChange={setPage}
            showSizeChanger={false}
            showTotal={(n) => (data.capped ? `${n} 条以上，可继续翻页或缩小检索范围` : `共 ${n} 条`)}
            size="small"
          />
        )}
      </Card>
    </Space>
  );
}
