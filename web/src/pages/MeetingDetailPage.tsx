import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import type { MeetingDetail, ReviewQueueItem } from "../lib/reviews";
import type { Paged } from "../lib/types";

/** 集体讨论会议 (P9): the cases discussed with each member's opinion and the conclusion; minutes as PDF. */
export default function MeetingDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [m, setM] = useState<MeetingDetail>();
  const [cases, setCases] = useState<{ value: string; label: string }[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    api.get<MeetingDetail>(`/meetings/${id}`).then(setM).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);
  const manage = m ? can("meeting.manage", m.agencyId) : false;
  useEffect(() => {
    if (!manage) return;
    // Cases waiting for a discussion: passed or escalated reviews.
    api
      .get<Paged<ReviewQueueItem>>("/reviews", { pageSize: 100, order: "desc" })
      .then((r) =>
        setCases(
          r.items
            .filter((x) => x.status === "passed" || x.status === "escalated")
            .map((x) => ({ value: x.caseId, label: `${x.caseNumber ?? ""} ${x.partyName} ${x.summary}` })),
        ),
      )
      .catch(showError);
  }, [manage, showError]);
  if (!m) return <Spin />;

  const discuss = async (v: {
    caseId: string;
    conclusion: string;
    approved: boolean;
    opinions: Record<string, string>;
  }) => {
    try {
      await api.post(`/meetings/${m.id}/discussions`, {
        caseId: v.caseId,
        conclusion: v.conclusion,
        approved: v.approved,
        opinions: Object.entries(v.opinions ?? {})
          .filter(([, o]) => o?.trim())
          .map(([userId, opinion]) => ({ userId, opinion })),
      });
      message.success("已记录讨论结论");
      form.resetFields();
      load();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          集体讨论 · {m.heldOn}
        </Typography.Title>
        <Button href={`/api/v1/meetings/${m.id}/minutes`} target="_blank">
          会议记录（PDF）
        </Button>
      </Space>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="机关">{m.agencyName}</Descriptions.Item>
        <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
        <Descriptions.Item label="主持人">{m.chairName}</Descriptions.Item>
        <Descriptions.Item label="班子成员">{m.memberCount} 人</Descriptions.Item>
        <Descriptions.Item label="出席人员" span={2}>
          {m.attendees.map((a) => `${a.name}（${a.role}）`).join("、")}
        </Descriptions.Item>
      </Descriptions>
      <List
        header="讨论的案件"
        bordered
        dataSource={m.discussions}
        renderItem={(d) => (
          <List.Item>
            <Space direction="vertical">
              <span>
                {d.caseNumber} {d.partyName} {d.summary}{" "}
                {d.approved ? <Tag color="green">同意</Tag> : <Tag color="red">不同意</Tag>}
              </span>
              {d.opinions.map((o) => (
                <span key={o.userId}>
                  {o.name}：{o.opinion}
                </span>
              ))}
              <span>结论：{d.conclusion}</span>
            </Space>
          </List.Item>
        )}
      />
      {manage && (
        <Card title="记录讨论案件" size="small">
          <Form
            form={form}
            layout="vertical"
            onFinish={discuss}
            style={{ maxWidth: 720 }}
            initialValues={{ approved: true }}
          >
            <Form.Item name="caseId" label="案件" rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={cases} />
            </Form.Item>
            {m.attendees.map((a) => (
              <Form.Item key={a.userId} name={["opinions", a.userId]} label={`${a.name}（${a.role}）的意见`}>
                <Input />
              </Form.Item>
            ))}
            <Form.Item name="conclusion" label="结论" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="approved" label="同意拟作出的决定" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
