import { Button, Card, Form, Input, Modal, Select, Table } from "antd";
import { useState } from "react";
import { api } from "../../lib/api";
import { powerFieldOptions } from "../../lib/powers";
import type { InspectionItem } from "../../lib/publicSite";
import { useStaffList } from "./useStaffList";
import { VersionActions } from "./VersionActions";

type Fields = Pick<InspectionItem, "name" | "field" | "subject" | "method" | "frequency" | "basis">;

/**
 * The random-inspection item list of an agency, edited by power.manage staff (C13): every change or
 * removal is a new version on the server (append-only); the public site shows the newest.
 */
export function InspectionItemsEditor({ agencyId }: { agencyId: string }) {
  const list = useStaffList<InspectionItem>("/public/inspection-items", agencyId);
  const [editing, setEditing] = useState<InspectionItem | "new">();
  const [form] = Form.useForm<Fields>();

  const save = (v: Fields) =>
    list.act(
      () =>
        api.post("/inspection-items", {
          agencyId,
          ...(editing && editing !== "new" ? { itemId: editing.itemId } : {}),
          ...v,
        }),
      "已保存，公示网站已更新",
      () => setEditing(undefined),
    );
  const remove = ({ itemId, name, field, subject, method, frequency, basis }: InspectionItem) =>
    list.act(
      () =>
        api.post("/inspection-items", {
          agencyId,
          itemId,
          name,
          field,
          subject,
          method,
          frequency,
          basis,
          removed: true,
        }),
      "已移除",
    );

  return (
    <Card
      title="随机抽查事项清单"
      extra={
        <Button
          onClick={() => {
            form.resetFields();
            setEditing("new");
          }}
        >
          新增事项
        </Button>
      }
    >
      <Table
        rowKey="itemId"
        {...list.tableProps}
        columns={[
          { title: "事项", dataIndex: "name" },
          { title: "领域", dataIndex: "field" },
          { title: "检查对象", dataIndex: "subject" },
          { title: "方式", dataIndex: "method" },
          { title: "比例与频次", dataIndex: "frequency" },
          { title: "版本", dataIndex: "version" },
          {
            title: "操作",
            render: (_, i) => (
              <VersionActions
                confirm="从清单中移除该事项？（历史版本保留）"
                onEdit={() => {
                  form.setFieldsValue(i);
                  setEditing(i);
                }}
                onRemove={() => void remove(i)}
              />
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? "新增抽查事项" : "修改抽查事项"}
        okText="保存"
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
      >
        <Form name="inspectionItem" form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="name" label="事项名称" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="field" label="执法领域" rules={[{ required: true }]}>
            <Select options={powerFieldOptions.map((f) => ({ value: f, label: f }))} />
          </Form.Item>
          <Form.Item name="subject" label="检查对象" rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="method" label="检查方式" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input placeholder="例如：现场检查、书面检查" />
          </Form.Item>
          <Form.Item
            name="frequency"
            label="抽查比例与频次"
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input placeholder="例如：每年抽查比例不低于 5%" />
          </Form.Item>
          <Form.Item name="basis" label="检查依据" rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
