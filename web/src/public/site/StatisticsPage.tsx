import { Card, Col, Row, Select, Spin, Statistic } from "antd";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import { type PublicStatistics, yuan } from "../../lib/publicSite";
import { type ChartOption, EChart } from "./EChart";

/** 年度统计 (C13): cases filed and decided, fines, published decisions by field, from the database. */
export default function StatisticsPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<PublicStatistics>();
  const showError = useApiError();
  useEffect(() => {
    setData(undefined);
    api.get<PublicStatistics>("/public/statistics", { year }).then(setData, showError);
  }, [year, showError]);

  const monthly = useMemo(
    (): ChartOption | undefined =>
      data && {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 36, right: 12, top: 36, bottom: 24 },
        xAxis: { type: "category", data: data.byMonth.map((m) => `${m.month}月`) },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: "立案", type: "bar", data: data.byMonth.map((m) => m.filed) },
          { name: "作出决定", type: "bar", data: data.byMonth.map((m) => m.decided) },
        ],
      },
    [data],
  );
  const byField = useMemo(
    (): ChartOption | undefined =>
      data && {
        tooltip: { trigger: "item" },
        series: [
          {
            type: "pie",
            radius: ["35%", "65%"],
            data: data.publishedByField.map((f) => ({ name: f.field, value: f.count })),
          },
        ],
      },
    [data],
  );

  return (
    <Card
      title="年度统计"
      extra={
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
            value: y,
            label: `${y} 年`,
          }))}
        />
      }
    >
      {!data ? (
        <Spin />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={8}>
              <Statistic title="立案" value={data.filed} suffix="件" />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic title="作出决定" value={data.decided} suffix="件" />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic title="其中行政处罚" value={data.penalties} suffix="件" />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic title="罚款金额" value={yuan(data.fineFen)} suffix="元" />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic title="公示决定" value={data.published} suffix="件" />
            </Col>
          </Row>
          <h4 style={{ marginTop: 24 }}>按月立案与决定</h4>
          {monthly && <EChart option={monthly} height={280} testId="chart-monthly" />}
          <h4 style={{ marginTop: 24 }}>公示决定按执法领域</h4>
          {data.publishedByField.length === 0 ? (
            <p>本年度暂无公示的决定</p>
          ) : (
            byField && <EChart option={byField} height={280} testId="chart-fields" />
          )}
        </>
      )}
    </Card>
  );
}
