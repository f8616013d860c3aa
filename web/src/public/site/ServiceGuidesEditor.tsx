import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { api } from "../../lib/api";
import { guideCategoryOptions, type ServiceGuide } from "./guidesResults";
import { useStaffList } from "./useStaffList";
import { VersionActions } from "./VersionActions";

type Fields = Pick<
  ServiceGuide,
  "title" | "category" | "scope" | "basis" | "timeLimit" | "fee" | "place" | "phone" | "hours"
> & { materials: string; steps: string };

const lines = (s: string | undefined) =>
  (s ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const bodyOf = (g: ServiceGuide) => ({
  title: g.title,
  category: g.category,
  scope: g.scope,
  basis: g.basis,
  materials: g.materials,
  steps: g.steps,
  timeLimit: g.timeLimit,
  fee: g.fee,
  place: g.place,
  phone: g.phone,
  hours: g.hours,
});

/**
 * The service guides of an agency (服务指南, G1), edited by publicity.manage staff: every change or
 * removal is a new version on the server (append-only); the public site shows the newest.
 */
export function ServiceGuidesEditor({ agencyId }: { agencyId: string }) {
  const list = useStaffList<ServiceGuide>("/service-guides", agencyId);
  const [editing, setEditing] = useState<ServiceGuide | "new">();
  const [form] = Form.useForm<Fields>();

  const save = (v: Fields) =>
    list.act(
      () =>
        api.post("/service-guides", {
          agencyId,
          ...(editing && editing !== "new" ? { itemId: editing.itemId } : {}),
          ...v,
          materials: lines(v.materials),
          steps: lines(v.steps),
        }),
      "已保存，公示网站已更新",
      () => setEditing(undefined),
    );
  const remove = (g: ServiceGuide) =>
    list.act(
      () => api.post("/service-guides", { agencyId, itemId: g.itemId, ...bodyOf(g), removed: true }),
      "已移除",
    );

  return (
    <Card
      title="服务指南"
      extra={
        <Space>
          <a href="/public/service-guides" target="_blank" rel="noreferrer">
            查看公示网站
          </a>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ fee: "不收费" });
              setEditing("new");
            }}
          >
            新增指南
          </Button>
        </Space>
      }
    >
      <Table
        rowKey="itemId"
        {...list.tableProps}
        columns={[
          { title: "指南", dataIndex: "title" },
          { title: "类别", dataIndex: "categoryName" },
          { title: "机关", dataIndex: "agencyName" },
          { title: "办理时限", dataIndex: "timeLimit" },
          { title: "版本", dataIndex: "version" },
          {
            title: "状态",
            render: (_, g) => (g.removed ? <Tag>已移除</Tag> : <Tag color="green">公示中</Tag>),
          },
          {
            title: "操作",
            render: (_, g) =>
              g.removed ? null : (
                <VersionActions
                  confirm="从公示网站移除该指南？（历史版本保留）"
                  onEdit={() => {
                    form.setFieldsValue({
                      ...bodyOf(g),
                      materials: g.materials.join("\n"),
                      steps: g.steps.join("\n"),
                    });
                    setEditing(g);
                  }}
                  onRemove={() => void remove(g)}
                />
              ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? "新增服务指南" : "修改服务指南"}
        okText="保存"
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        width={640}
        forceRender
      >
        <Form name="serviceGuide" form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="title" label="指南名称" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input placeholder="例如：投诉举报办理指南" />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true }]}>
            <Select options={guideCategoryOptions} />
          </Form.Item>
          <Form.Item name="scope" label="适用范围" rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="basis" label="设定依据" rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="materials" label="申请材料（每行一项）">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="steps"
            label="办理流程（每行一步）"
            rules={[{ required: true, whitespace: true, message: "请至少填写一个步骤" }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item
            name="timeLimit"
            label="办理时限"
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="fee" label="收费标准" rules={[{ max: 200 }]}>
            <Input placeholder="不收费" />
          </Form.Item>
          <Form.Item name="place" label="办理地点" rules={[{ required: true, whitespace: true, max: 300 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="咨询电话" rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="hours" label="办公时间" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
