import { Button, Card, Space, Typography } from "antd";
import { Link } from "react-router-dom";

/** 救济与投诉渠道 (C13): remedies against a decision and the complaint channels. */
export default function RemediesPage() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title="陈述、申辩与听证">
        <Typography.Paragraph>
          作出行政处罚决定之前，执法机关应当告知当事人拟作出的处罚内容及事实、理由、依据，当事人有权进行陈述、申辩；
          拟作出较大数额罚款、没收较大数额违法所得或非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等决定的，
          当事人有权要求听证（《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条）。
        </Typography.Paragraph>
      </Card>
      <Card title="行政复议与行政诉讼">
        <Typography.Paragraph>
          当事人对行政执法决定不服的，可以自知道该决定之日起六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条），
          或者自知道或者应当知道作出行政行为之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。
          具体的复议机关和管辖法院以行政处罚决定书的告知为准。
        </Typography.Paragraph>
      </Card>
      <Card title="投诉举报">
        <Typography.Paragraph>
          对违法行为或执法人员的执法行为，可以在网上投诉举报，凭查询码查询办理进度和答复；也可以拨打各执法机关公布的电话（见“执法主体与人员”）。
          举报人的信息依法保密。
        </Typography.Paragraph>
        <Space wrap>
          <Link to="/public/complaint">
            <Button type="primary">我要投诉举报</Button>
          </Link>
          <Link to="/public/complaint/status">
            <Button>办理进度查询</Button>
          </Link>
          <Link to="/public/agencies">
            <Button>执法机关联系方式</Button>
          </Link>
        </Space>
      </Card>
    </Space>
  );
}
