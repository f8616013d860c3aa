import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { attendeeRoles, type MeetingSummary } from "../lib/reviews";
import type { Paged } from "../lib/types";
import { useServerList } from "../lib/useServerList";

type UserOption = { id: string; displayName: string };

/** 集体讨论 (P9): the meetings list and a form to record a meeting (quorum checked by the server). */
export default function MeetingsPage() {
  const { currentId } = useAgency();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const list = useServerList<MeetingSummary>("/meetings", {}, { order: "desc" });
  const [users, setUsers] = useState<UserOption[]>([]);
  const [form] = Form.useForm();
  const manage = can("meeting.manage", currentId);
  useEffect(() => {
    if (!manage) return;
    api
      .get<Paged<UserOption>>("/users", { pageSize: 200 })
      .then((r) => setUsers(r.items))
      .catch(showError);
  }, [manage, showError]);

  const create = async (v: {
    heldOn: Dayjs;
    place: string;
    chairId: string;
    memberCount: number;
    attendees: { userId: string; role: string }[];
  }) => {
    try {
      const res = await api.post<{ id: string }>("/meetings", {
        agencyId: currentId,
        heldOn: v.heldOn.format("YYYY-MM-DD"),
        place: v.place,
        chairId: v.chairId,
        memberCount: v.memberCount,
        attendees: v.attendees,
      });
      message.success("已记录会议");
      navigate(`/meetings/${res.id}`);
    } catch (e) {
      showError(e);
    }
  };
  const userOptions = users.map((u) => ({ value: u.id, label: u.displayName }));

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        集体讨论
      </Typography.Title>
      <Table<MeetingSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        onChange={list.onChange}
        columns={[
          {
            title: "会议日期",
            dataIndex: "heldOn",
            render: (v: string, m) => <Link to={`/meetings/${m.id}`}>{v}</Link>,
          },
          { title: "机关", dataIndex: "agencyName" },
          { title: "地点", dataIndex: "place" },
          { title: "主持人", dataIndex: "chairName" },
          { title: "出席 / 班子成员", render: (_: unknown, m) => `${m.attendees.length} / ${m.memberCount}` },
          { title: "讨论案件", dataIndex: "cases" },
        ]}
      />
      {manage && (
        <Card title="记录集体讨论会议" size="small">
          <Form
            form={form}
            layout="vertical"
            onFinish={create}
            style={{ maxWidth: 720 }}
            initialValues={{ attendees: [{}] }}
          >
            <Space wrap>
              <Form.Item name="heldOn" label="会议日期" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="place" label="地点" rules={[{ required: true }]}>
                <Input style={{ width: 220 }} />
              </Form.Item>
              <Form.Item name="memberCount" label="班子成员人数" rules={[{ required: true }]}>
                <InputNumber min={1} max={100} />
              </Form.Item>
              <Form.Item name="chairId" label="主持人" rules={[{ required: true }]}>
                <Select showSearch optionFilterProp="label" options={userOptions} style={{ width: 160 }} />
              </Form.Item>
            </Space>
            <Form.List name="attendees">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, "userId"]} rules={[{ required: true, message: "出席人员" }]}>
                        <Select
                          showSearch
                          optionFilterProp="label"
                          placeholder="出席人员"
                          options={userOptions}
                          style={{ width: 180 }}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, "role"]} rules={[{ required: true, message: "身份" }]}>
                        <Select
                          placeholder="身份"
                          options={attendeeRoles.map((r) => ({ value: r, label: r }))}
                          style={{ width: 160 }}
                        />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>移除</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()}>添加出席人员</Button>
                </>
              )}
            </Form.List>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit">
                保存会议
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
