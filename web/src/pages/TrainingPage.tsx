import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { PlanSummary, Trainer } from "../lib/officers";
import { useServerList } from "../lib/useServerList";

/** Training (C04): yearly plans and the trainer pool. */
export default function TrainingPage() {
  return (
    <Card title="教育培训">
      <Tabs
        items={[
          { key: "plans", label: "培训计划", children: <Plans /> },
          { key: "trainers", label: "师资库", children: <Trainers /> },
        ]}
      />
    </Card>
  );
}

const Plans = () => {
  const agency = useAgency();
  const { can } = useAuth();
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const list = useServerList<PlanSummary>("/training/plans", { year, agencyId }, { order: "desc" });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber
          value={year}
          onChange={(v) => setYear(v ?? undefined)}
          min={2000}
          max={2100}
          placeholder="年度"
        />
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 260 }}
        />
        <Input.Search placeholder="搜索计划名称" allowClear onSearch={list.setQ} style={{ width: 220 }} />
        {can("training.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建计划
          </Button>
        )}
      </Space>
      <Table<PlanSummary>
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        columns={[
          { title: "年度", dataIndex: "year", width: 80 },
          {
            title: "计划",
            dataIndex: "title",
            render: (v: string, p) => (
              <Space size={4}>
                <Link to={`/training/plans/${p.id}`}>{v}</Link>
                {p.withdrawnAt ? <Tag color="red">已撤销</Tag> : null}
              </Space>
            ),
          },
          { title: "机构", dataIndex: "agencyName" },
          { title: "课程", dataIndex: "sessionCount", width: 80 },
          { title: "总学时", dataIndex: "totalHours", width: 90 },
          { title: "考试", dataIndex: "examCount", width: 80 },
        ]}
      />
      <PlanModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </>
  );
};

const PlanModal = ({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const [form] = Form.useForm();
  const agency = useAgency();
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await api.post("/training/plans", { ...v, note: v.note ?? "" });
      message.success("计划已新建");
      form.resetFields();
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal
      title="新建年度培训计划"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      destroyOnHidden
    >
      <Form
        name="trainingPlanCreate"
        form={form}
        layout="vertical"
        initialValues={{ agencyId: agency.currentId, year: new Date().getFullYear() }}
      >
        <Form.Item name="agencyId" label="机构" rules={[{ required: true, message: "请选择机构" }]}>
          <AgencySelect agencies={agency.all} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: "请填写年度" }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="title"
          label="计划名称"
          rules={[{ required: true, min: 2, max: 100, message: "2–100 字" }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const Trainers = () => {
  const { can } = useAuth();
  const [kind, setKind] = useState<string | undefined>();
  const list = useServerList<Trainer>("/training/trainers", { kind });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const agency = useAgency();
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await api.post("/training/trainers", { ...v, organisation: v.organisation ?? "" });
      message.success("已加入师资库");
      form.resetFields();
      setCreating(false);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={kind}
          onChange={setKind}
          allowClear
          placeholder="师资类别"
          style={{ width: 140 }}
          options={[
            { value: "internal", label: "内部师资" },
            { value: "external", label: "外部师资" },
          ]}
        />
        <Input.Search
          placeholder="搜索姓名、单位、领域"
          allowClear
          onSearch={list.setQ}
          style={{ width: 240 }}
        />
        {can("training.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增师资
          </Button>
        )}
      </Space>
      <Table<Trainer>
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        columns={[
          { title: "姓名", dataIndex: "name", width: 120 },
          {
            title: "类别",
            dataIndex: "kind",
            width: 100,
            render: (v: string) =>
              v === "internal" ? <Tag color="blue">内部</Tag> : <Tag color="purple">外部</Tag>,
          },
          { title: "单位", dataIndex: "organisation" },
          { title: "擅长领域", dataIndex: "field" },
          {
            title: "评价",
            dataIndex: "rating",
            width: 160,
            render: (v: number) => <Rate disabled value={v} />,
          },
        ]}
      />
      <Modal
        title="新增师资"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={submit}
        okText="保存"
        destroyOnHidden
      >
        <Form
          name="trainerCreate"
          form={form}
          layout="vertical"
          initialValues={{ agencyId: agency.currentId, kind: "internal", rating: 4 }}
        >
          <Form.Item name="agencyId" label="所属机构" rules={[{ required: true, message: "请选择机构" }]}>
            <AgencySelect agencies={agency.all} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, max: 50, message: "请填写姓名" }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select
              options={[
                { value: "internal", label: "内部师资" },
                { value: "external", label: "外部师资" },
              ]}
            />
          </Form.Item>
          <Form.Item name="organisation" label="单位" rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="field"
            label="擅长领域"
            rules={[{ required: true, max: 50, message: "请填写领域" }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="rating" label="评价">
            <Rate />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};
