import { Card, Col, Descriptions, Row, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { PublicAgency } from "../../lib/publicSite";

export const publicSections = [
  { to: "/public/agencies", label: "执法主体与人员", text: "执法机关、执法人员及执法证号" },
  { to: "/public/powers", label: "权责清单", text: "法定职权、依据与类别" },
  { to: "/public/inspection-items", label: "随机抽查事项", text: "抽查对象、方式与比例" },
  { to: "/public/service-guides", label: "服务指南", text: "投诉举报、复议、审批等办事指南" },
  { to: "/public/procedures", label: "执法流程", text: "一般程序、简易程序、三步式执法" },
  { to: "/public/benchmarks", label: "裁量基准", text: "处罚档次、情形与罚款幅度" },
  { to: "/public/remedies", label: "救济与投诉渠道", text: "复议、诉讼、陈述申辩、投诉举报" },
  { to: "/public/decisions", label: "行政执法决定", text: "决定公示、检索、下载与核验" },
  { to: "/public/inspection-results", label: "抽查结果公示", text: "双随机、一公开的检查结果" },
  { to: "/public/statistics", label: "年度统计", text: "立案、决定、罚款与公示" },
];

/** 首页 of the public information site (C13): the agency and the sections of the site. */
export default function HomePage() {
  const [agencies, setAgencies] = useState<PublicAgency[]>();
  const showError = useApiError();
  useEffect(() => {
    api.get<PublicAgency[]>("/public/agencies").then(setAgencies, showError);
  }, [showError]);
  const top = agencies?.find((a) => a.depth === 0);
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        {!agencies ? (
          <Spin />
        ) : top ? (
          <>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {top.name}
            </Typography.Title>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="地址">{top.address || "—"}</Descriptions.Item>
              <Descriptions.Item label="电话">{top.phone || "—"}</Descriptions.Item>
              {top.creditCode && (
                <Descriptions.Item label="统一社会信用代码">{top.creditCode}</Descriptions.Item>
              )}
              <Descriptions.Item label="执法领域">{top.fields.join("、") || "—"}</Descriptions.Item>
              <Descriptions.Item label="下属机关">
                {agencies
                  .filter((a) => a.parentId === top.id)
                  .map((a) => a.name)
                  .join("、") || "—"}
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <Typography.Text>暂无机关信息</Typography.Text>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        {publicSections.map((s) => (
          <Col xs={12} sm={8} key={s.to}>
            <Link to={s.to}>
              <Card hoverable size="small" style={{ height: "100%" }}>
                <Typography.Text strong>{s.label}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.text}
                </Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={12} sm={8}>
          <Link to="/public/complaint">
            <Card hoverable size="small" style={{ height: "100%" }}>
              <Typography.Text strong>我要投诉举报</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                网上提交，凭查询码查进度
              </Typography.Text>
            </Card>
          </Link>
        </Col>
      </Row>
    </>
  );
}
