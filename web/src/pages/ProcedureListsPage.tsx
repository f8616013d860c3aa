import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Table, Tabs, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { CasePowerSelect } from "../components/CasePowerSelect";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";

type ListCode = "three_step" | "first_violation";

interface ListItem {
  id: string;
  code: string;
  name: string;
  field: string;
  listedBy: string;
  reason: string;
  listedAt: string;
}

interface ProcedureList {
  list: ListCode;
  name: string;
  ruleId: string;
  items: ListItem[];
}

const lists: { key: ListCode; label: string; help: string }[] = [
  {
    key: "three_step",
    label: "三步式执法清单",
    help: "列入清单的违法行为按三步式执法办理：先教育劝导，再责令限期改正，逾期未改正的依法立案查处（C08）。",
  },
  {
    key: "first_violation",
    label: "首违不罚清单",
    help: "列入清单的违法行为，初次违法且危害后果轻微并及时改正的，可以不予行政处罚，并对当事人进行教育（P11）。",
  },
];

/**
 * 三步式执法与首违不罚清单 of the current agency (its own entries and those of the agencies above).
 * Holders of power.manage add or remove a penalty item with a reason; the server keeps every change.
 */
export default function ProcedureListsPage() {
  const agency = useAgency();
  const { can } = useAuth();
  const agencyId = agency.currentId;
  const manage = agencyId ? can("power.manage", agencyId) : false;
  const [tab, setTab] = useState<ListCode>("three_step");

  return (
    <Card title={`三步式执法与首违不罚清单${agency.current ? ` · ${agency.current.name}` : ""}`}>
      {!agencyId ? (
        <Empty description="请先在页面顶部选择机构" />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as ListCode)}
          items={lists.map((l) => ({
            key: l.key,
            label: l.label,
            children: <ListTab agencyId={agencyId} list={l.key} help={l.help} manage={manage} />,
          }))}
        />
      )}
    </Card>
  );
}

const ListTab = (props: { agencyId: string; list: ListCode; help: string; manage: boolean }) => {
  const showError = useApiError();
  const { message } = App.useApp();
  const [data, setData] = useState<ProcedureList | null>(null);
  const [loading, setLoading] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ListItem | null>(null);
  const path = `/agencies/${props.agencyId}/procedure-lists/${props.list}`;

  const load = useCallback(() => {
    setLoading(true);
    api
      .get<ProcedureList>(path)
      .then(setData)
      .catch(showError)
      .finally(() => setLoading(false));
  }, [path, showError]);
  useEffect(load, [load]);

  const change = async (powerItemId: string, action: "add" | "remove", reason: string) => {
    const next = await api.post<ProcedureList>(path, { powerItemId, action, reason });
    setData(next);
    message.success(action === "add" ? "已列入清单" : "已移出清单");
  };

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={props.help} />
      {props.manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setAdding(true)}
        >
          列入事项
        </Button>
      )}
      <Table<ListItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="清单中还没有事项" /> }}
        columns={[
          { title: "事项编码", dataIndex: "code", width: 140 },
          { title: "事项名称", dataIndex: "name" },
          { title: "执法领域", dataIndex: "field", width: 140 },
          { title: "列入机关", dataIndex: "listedBy", width: 200, ellipsis: true },
          { title: "列入理由", dataIndex: "reason", ellipsis: true },
          {
            title: "列入时间",
            dataIndex: "listedAt",
            width: 120,
            render: (v: string) => dayjs(v).format("YYYY-MM-DD"),
          },
          ...(props.manage
            ? [
                {
                  title: "操作",
                  width: 90,
                  render: (_: unknown, it: ListItem) => (
                    <Button type="link" danger size="small" onClick={() => setRemoving(it)}>
                      移出
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReasonModal
        open={adding}
        title="列入清单"
        withItem
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await change(v.powerItemId!, "add", v.reason);
          setAdding(false);
        }}
      />
      <ReasonModal
        open={removing !== null}
        title={removing ? `移出清单：${removing.code} ${removing.name}` : ""}
        danger
        onClose={() => setRemoving(null)}
        onSubmit={async (v) => {
          if (!removing) return;
          await change(removing.id, "remove", v.reason);
          setRemoving(null);
        }}
      />
    </>
  );
};

const ReasonModal = (props: {
  open: boolean;
  title: string;
  withItem?: boolean;
  danger?: boolean;
  onClose: () => void;
  onSubmit: (v: { powerItemId?: string; reason: string }) => Promise<void>;
}) => {
  const [form] = Form.useForm<{ powerItemId?: string; reason: string }>();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await props.onSubmit({ ...v, reason: v.reason.trim() });
      form.resetFields();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={props.onClose}
      onOk={submit}
      okText={props.danger ? "确认移出" : "确认列入"}
      okButtonProps={{ danger: props.danger }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {props.danger && (
        <Typography.Paragraph type="secondary">
          移出后，新的案件不能再按该清单办理；已办理的案件不受影响。变更记录永久保存。
        </Typography.Paragraph>
      )}
      <Form name={props.withItem ? "procedureListAdd" : "procedureListRemove"} form={form} layout="vertical">
        {props.withItem && (
          <Form.Item
            name="powerItemId"
            label="行政处罚事项（本机关或上级机关权责清单）"
            rules={[{ required: true, message: "请选择事项" }]}
          >
            <CasePowerSelect />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={props.danger ? "移出理由" : "列入理由"}
          rules={[
            { required: true, whitespace: true, message: "请填写理由" },
            { max: 1000, message: "不超过 1000 字" },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：经局务会研究确定" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
