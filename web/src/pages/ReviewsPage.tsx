import {
  Card,
  Col,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import {
  outcomeLabels,
  type ReviewQueueItem,
  reviewStatusColors,
  reviewStatusLabels,
  warningColors,
  yuan,
} from "../lib/reviews";
import { useServerList } from "../lib/useServerList";

interface Figures {
  reviews: {
    submitted: number;
    agreed: number;
    problems: number;
    pending: number;
    averageHours: number | null;
  };
  meetingsHeld: number;
  filings: { due: number; onTime: number; late: number; overdue: number };
}

/** 法制审核队列 (P10, L3): filters, pagination, deadline warnings, and the year's figures. */
export default function ReviewsPage() {
  const showError = useApiError();
  const [status, setStatus] = useState<string | undefined>("pending");
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [figures, setFigures] = useState<Figures>();
  const list = useServerList<ReviewQueueItem>(
    "/reviews",
    { status, mine: mine ? "true" : undefined, overdue: overdue ? "true" : undefined },
    { order: "desc" },
  );
  useEffect(() => {
    api.get<Figures>("/review-figures", { year: new Date().getFullYear() }).then(setFigures).catch(showError);
  }, [showError]);
  const columns: TableColumnsType<ReviewQueueItem> = [
    {
      title: "案件",
      dataIndex: "caseNumber",
      render: (v: string | null, r) => <Link to={`/reviews/${r.id}`}>{v ?? "（未编号）"}</Link>,
    },
    { title: "当事人", dataIndex: "partyName", width: 120 },
    { title: "案由", dataIndex: "summary", ellipsis: true },
    { title: "办案机构", dataIndex: "agencyName", ellipsis: true },
    {
      title: "拟处理",
      dataIndex: "outcome",
      width: 160,
      render: (v: string, r) => `${outcomeLabels[v] ?? v}${r.fineFen ? ` ${yuan(r.fineFen)}` : ""}`,
    },
    { title: "次数", dataIndex: "round", width: 60, render: (v: number) => `第 ${v} 次` },
    { title: "审核人员", dataIndex: "reviewerName", width: 100 },
    {
      title: "系统预审",
      width: 140,
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.machineProblems > 0 ? (
            <Tag color="red">问题 {r.machineProblems}</Tag>
          ) : (
            <Tag color="green">无问题</Tag>
          )}
          {r.machineManual > 0 && <Tag>待人工 {r.machineManual}</Tag>}
        </Space>
      ),
    },
    {
      title: "审核期限",
      dataIndex: "dueOn",
      width: 170,
      render: (v: string, r) => (
        <Space size={4}>
          {r.warning ? <Tag color={warningColors[r.warning]}>{v}</Tag> : v}
          {r.extended && <Tag data-testid="extended">已延期</Tag>}
        </Space>
      ),
    },
    {
      title: "状态",
      dataIndex: "status",
      width: 110,
      render: (v: string) => <Tag color={reviewStatusColors[v]}>{reviewStatusLabels[v] ?? v}</Tag>,
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        法制审核
      </Typography.Title>
      {figures && (
        <Row gutter={16}>
          <Col span={4}>
            <Card size="small">
              <Statistic title="本年提交审核" value={figures.reviews.submitted} />
            </Card>
          </Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="同意" value={figures.reviews.agreed} />
            </Card>
          </Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="存在问题" value={figures.reviews.problems} />
            </Card>
          </Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="平均审核用时（小时）" value={figures.reviews.averageHours ?? "—"} />
            </Card>
          </Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="集体讨论会议" value={figures.meetingsHeld} />
            </Card>
          </Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="按时备案" value={`${figures.filings.onTime} / ${figures.filings.due}`} />
            </Card>
          </Col>
        </Row>
      )}
      <Space wrap>
        <Input.Search
          placeholder="案号、当事人、案由"
          allowClear
          onSearch={list.setQ}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder="状态"
          value={status}
          onChange={setStatus}
          style={{ width: 150 }}
          options={Object.entries(reviewStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Space>
          <Switch checked={mine} onChange={setMine} /> 分配给我
        </Space>
        <Space>
          <Switch checked={overdue} onChange={setOverdue} /> 超期未审
        </Space>
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.items}
        pagination={list.pagination}
        onChange={list.onChange}
      />
    </Space>
  );
}
