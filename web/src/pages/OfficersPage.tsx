import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { ImportExcelButton } from "../components/ImportExcelButton";
import { OfficerKpiPanel } from "../components/OfficerKpiPanel";
import { useAgency } from "../lib/agency";
import { api, buildUrl } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { certificateStatusLabels, type OfficerSummary } from "../lib/officers";
import type { Paged, User } from "../lib/types";
import { useServerList } from "../lib/useServerList";

export const StatusTag = ({ status }: { status: string | null }) => {
  const s = certificateStatusLabels[status ?? "none"] ?? { label: status ?? "", color: "default" };
  return <Tag color={s.color}>{s.label}</Tag>;
};

export default function OfficersPage() {
  const agency = useAgency();
  const { can } = useAuth();
  const [agencyId, setAgencyId] = useState<string | undefined>(agency.currentId ?? undefined);
  const [seenCurrent, setSeenCurrent] = useState(agency.currentId);
  if (seenCurrent !== agency.currentId) {
    setSeenCurrent(agency.currentId);
    setAgencyId(agency.currentId ?? undefined);
  }
  const [status, setStatus] = useState<string | undefined>();
  const [expiring, setExpiring] = useState<number | undefined>();
  const [post, setPost] = useState<string | undefined>();
  const filters = { agencyId, status, expiringWithinDays: expiring, enforcementPost: post };
  const list = useServerList<OfficerSummary>("/officers", filters);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<OfficerSummary> = [
    {
      title: "姓名",
      dataIndex: "displayName",
      width: 110,
      render: (v: string, o) => <Link to={`/officers/${o.id}`}>{v}</Link>,
    },
    { title: "所在机构", dataIndex: "agencyName" },
    {
      title: "岗位",
      dataIndex: "post",
      width: 170,
      render: (v: string, o) => (
        <Space size={4}>
          {v}
          {o.enforcementPost ? <Tag color="blue">执法岗</Tag> : null}
        </Space>
      ),
    },
    { title: "执法证号", dataIndex: "certificateNumber", width: 150, render: (v: string | null) => v ?? "—" },
    {
      title: "证件状态",
      dataIndex: "certificateStatus",
      width: 90,
      render: (v: string | null) => <StatusTag status={v} />,
    },
    {
      title: "有效期至",
      dataIndex: "certificateExpiresOn",
      width: 110,
      render: (v: string | null) => v ?? "—",
    },
    {
      title: "执法领域",
      dataIndex: "certificateFields",
      render: (v: string[]) => v.map((f) => <Tag key={f}>{f}</Tag>),
    },
    {
      title: "法律职业资格",
      dataIndex: "legalQualificationNo",
      width: 120,
      render: (v: string | null) => (v ? <Tag color="purple">有</Tag> : "—"),
    },
  ];

  const exportUrl = buildUrl("/officers/export", { ...filters, q: list.state.q });

  return (
    <>
      <OfficerKpiPanel agencyId={agencyId ?? agency.currentId} />
      <Card
        title="执法人员"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={exportUrl}>
              导出 Excel
            </Button>
            {can("officer.manage") && (
              <ImportExcelButton
                path="/officers/import"
                agencyId={agencyId ?? agency.currentId ?? null}
                onDone={list.reload}
              />
            )}
            {can("officer.manage") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                建立档案
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <AgencySelect
            agencies={agency.all}
            value={agencyId}
            onChange={setAgencyId}
            allowClear
            placeholder="全部机构"
            style={{ width: 280 }}
          />
          <Select
            value={status}
            onChange={setStatus}
            allowClear
            placeholder="证件状态"
            style={{ width: 130 }}
            options={["valid", "suspended", "expired", "revoked", "none"].map((k) => ({
              value: k,
              label: certificateStatusLabels[k]!.label,
            }))}
          />
          <Select
            value={expiring}
            onChange={setExpiring}
            allowClear
            placeholder="即将到期"
            style={{ width: 140 }}
            options={[30, 60, 90].map((d) => ({ value: d, label: `${d} 日内到期` }))}
          />
          <Select
            value={post}
            onChange={setPost}
            allowClear
            placeholder="岗位类别"
            style={{ width: 130 }}
            options={[
              { value: "true", label: "执法岗位" },
              { value: "false", label: "非执法岗位" },
            ]}
          />
          <Input.Search
            placeholder="搜索姓名、账号、编号、岗位"
            allowClear
            onSearch={list.setQ}
            style={{ width: 260 }}
          />
        </Space>
        <Table<OfficerSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          onChange={list.onChange}
          size="middle"
        />
      </Card>
      <CreateOfficerModal
        open={creating}
        defaultAgencyId={agencyId ?? agency.currentId}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </>
  );
}

type CreateForm = {
  agencyId: string;
  userId: string;
  post: string;
  enforcementPost: boolean;
  staffNo?: string;
  gender?: string;
  staffKind?: string;
  legalQualificationNo?: string;
  legalQualificationDate?: Dayjs;
};

const CreateOfficerModal = (props: {
  open: boolean;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const [form] = Form.useForm<CreateForm>();
  const agency = useAgency();
  const showError = useApiError();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [users, setUsers] = useState<User[]>([]);
  const selectedAgency = Form.useWatch("agencyId", form);

  useEffect(() => {
    if (!props.open || !selectedAgency) return;
    api
      .get<Paged<User>>("/users", { agencyId: selectedAgency, pageSize: 200 })
      .then((r) => setUsers(r.items))
      .catch(showError);
  }, [props.open, selectedAgency, showError]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post("/officers", {
        agencyId: v.agencyId,
        userId: v.userId,
        post: v.post,
        enforcementPost: v.enforcementPost,
        staffNo: v.staffNo ?? "",
        gender: v.gender ?? "",
        staffKind: v.staffKind ?? "",
        legalQualificationNo: v.legalQualificationNo || null,
        legalQualificationDate: v.legalQualificationDate
          ? v.legalQualificationDate.format("YYYY-MM-DD")
          : null,
      });
      message.success("档案已建立");
      form.resetFields();
      props.onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="建立执法人员档案"
      open={props.open}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="保存"
      destroyOnHidden
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ agencyId: props.defaultAgencyId ?? undefined, enforcementPost: true }}
      >
        <Form.Item name="agencyId" label="所在机构" rules={[{ required: true, message: "请选择机构" }]}>
          <AgencySelect agencies={agency.all} />
        </Form.Item>
        <Form.Item name="userId" label="账号" rules={[{ required: true, message: "请选择账号" }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
        <Space>
          <Form.Item
            name="post"
            label="岗位"
            rules={[{ required: true, message: "请填写岗位" }, { max: 50 }]}
          >
            <Input placeholder="如：执法队员" />
          </Form.Item>
          <Form.Item name="enforcementPost" label="执法岗位" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="staffNo" label="工号" rules={[{ max: 30 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Select style={{ width: 80 }} allowClear options={[{ value: "男" }, { value: "女" }]} />
          </Form.Item>
          <Form.Item name="staffKind" label="编制类别" rules={[{ max: 30 }]}>
            <Input placeholder="行政编制 / 事业编制 / 协管" />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="legalQualificationNo" label="法律职业资格证书编号" rules={[{ max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="legalQualificationDate" label="取得日期">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
};
