import { CalculatorOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { deadlineUnitLabels } from "../lib/labels";
import type { CalendarDay, CalendarYear, Deadline, DeadlineUnit } from "../lib/types";

interface DeadlineForm {
  start: Dayjs;
  amount: number;
  unit: DeadlineUnit;
}

const unitOptions = (Object.keys(deadlineUnitLabels) as DeadlineUnit[]).map((value) => ({
  value,
  label: deadlineUnitLabels[value],
}));

const fmtDay = (d: string) => dayjs(d).format("YYYY年M月D日 dddd");

const DeadlineCard = () => {
  const [result, setResult] = useState<{ ok: Deadline } | { error: string } | null>(null);
  const [loading, setLoading] = useState(false);

  const onFinish = async (v: DeadlineForm) => {
    setLoading(true);
    try {
      const ok = await api.get<Deadline>("/calendar/deadline", {
        start: v.start.format("YYYY-MM-DD"),
        amount: v.amount,
        unit: v.unit,
      });
      setResult({ ok });
    } catch (err) {
      setResult({ error: err instanceof Error ? err.message : "计算失败" });
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card title="期限试算">
      <Form<DeadlineForm>
        name="deadline"
        layout="inline"
        initialValues={{ start: dayjs(), amount: 15, unit: "workday" }}
        onFinish={onFinish}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="start" label="起算日" rules={[{ required: true, message: "请选择起算日" }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="amount" label="期限" rules={[{ required: true, message: "请输入期限" }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="unit" rules={[{ required: true }]}>
          <Select options={unitOptions} style={{ width: 100 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={loading}>
          计算
        </Button>
      </Form>
      <div style={{ marginTop: 16 }} data-testid="deadline-result">
        {result && "ok" in result && (
          <Alert
            type="success"
            showIcon
            title={`期限届满日：${fmtDay(result.ok.due)}`}
            description={
              `自 ${fmtDay(result.ok.start)} 起 ${result.ok.amount} 个${deadlineUnitLabels[result.ok.unit]}` +
              (result.ok.rolledOver && result.ok.end
                ? `；期间末日 ${fmtDay(result.ok.end)} 为休息日，顺延至其后第一个工作日`
                : "")
            }
          />
        )}
        {result && "error" in result && <Alert type="error" showIcon title={result.error} />}
      </div>
    </Card>
  );
};

const yearColumns: TableColumnsType<CalendarYear> = [
  { title: "年度", dataIndex: "year", key: "year", width: 80 },
  { title: "来源", dataIndex: "source", key: "source", ellipsis: true },
  {
    title: "导入时间",
    dataIndex: "importedAt",
    key: "importedAt",
    width: 150,
    render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
  },
  { title: "节假日", dataIndex: "holidays", key: "holidays", width: 80 },
  { title: "调休上班", dataIndex: "workdays", key: "workdays", width: 90 },
];

const dayColumns: TableColumnsType<CalendarDay> = [
  { title: "日期", dataIndex: "day", key: "day", width: 200, render: fmtDay },
  {
    title: "类型",
    dataIndex: "kind",
    key: "kind",
    width: 110,
    render: (k: CalendarDay["kind"]) =>
      k === "holiday" ? <Tag color="red">法定节假日</Tag> : <Tag color="orange">调休上班</Tag>,
  },
  { title: "名称", dataIndex: "name", key: "name" },
];

export default function CalendarPage() {
  const showError = useApiError();
  const [years, setYears] = useState<CalendarYear[]>([]);
  const [yearsLoading, setYearsLoading] = useState(true);
  const [year, setYear] = useState<number | null>(null);
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [daysLoading, setDaysLoading] = useState(false);

  useEffect(() => {
    api
      .get<CalendarYear[]>("/calendar/years")
      .then((list) => {
        setYears([...list].sort((a, b) => b.year - a.year));
        const thisYear = list.find((y) => y.year === dayjs().year()) ?? list[0];
        if (thisYear) setYear(thisYear.year);
      })
      .catch(showError)
      .finally(() => setYearsLoading(false));
  }, [showError]);

  useEffect(() => {
    if (year === null) return;
    setDaysLoading(true);
    api
      .get<CalendarDay[]>("/calendar/days", { year })
      .then(setDays)
      .catch(showError)
      .finally(() => setDaysLoading(false));
  }, [year, showError]);

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <DeadlineCard />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="已导入的年度">
            <Table<CalendarYear>
              rowKey="year"
              columns={yearColumns}
              dataSource={years}
              loading={yearsLoading}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              size="middle"
              rowSelection={{
                type: "radio",
                selectedRowKeys: year === null ? [] : [year],
                onChange: (keys) => setYear(Number(keys[0])),
              }}
              onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: "pointer" } })}
              locale={{ emptyText: <Empty description="尚未导入任何年度的工作日历" /> }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={year ? `${year} 年节假日与调休` : "节假日与调休"}>
            {year === null ? (
              <Empty description="请选择年度" />
            ) : (
              <Table<CalendarDay>
                rowKey="day"
                columns={dayColumns}
                dataSource={days}
                loading={daysLoading}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                size="small"
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
