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
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { api } from "../lib/api";
import { useAuth, useMe } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { OfficerDetail } from "../lib/officers";

interface Application {
  id: string;
  fields: string[];
  note: string;
  trainingYear: number;
  trainingHours: number;
  requiredHours: number;
  examScore: number | null;
  appliedAt: string;
  status: "pending" | "approved" | "rejected";
  decision: { outcome: string; note: string; certificateId: string | null; decidedAt: string } | null;
}

const statusTag = {
  pending: <Tag color="blue">待审批</Tag>,
  approved: <Tag color="green">已批准</Tag>,
  rejected: <Tag color="red">不予批准</Tag>,
};

/**
 * 执法证申领 (O2): the officer (or the bureau) applies; the bureau approves — which issues the
 * certificate — or refuses with a reason. Eligibility (post, yearly hours, passed exam) is checked by the server.
 */
export const CertificateApplicationsCard = ({
  officer,
  onChanged,
}: {
  officer: OfficerDetail;
  onChanged: () => void;
}) => {
  const { can } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useApiError();
  const [items, setItems] = useState<Application[]>([]);
  const [mode, setMode] = useState<
    { kind: "apply" } | { kind: "approve" | "reject"; app: Application } | null
  >(null);
  const [form] = Form.useForm();
  const manage = can("officer.manage");
  const self = me.user.id === officer.userId;
  const load = useCallback(() => {
    if (!can("officer.read")) return;
    api
      .get<Application[]>(`/officers/${officer.id}/certificate-applications`)
      .then(setItems)
      .catch(showError);
  }, [officer.id, can, showError]);
  useEffect(load, [load]);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      if (mode?.kind === "apply") {
        await api.post(`/officers/${officer.id}/certificate-applications`, {
          fields: v.fields,
          note: v.note ?? "",
        });
        message.success("已提交申领");
      } else if (mode?.kind === "approve") {
        await api.post(`/certificate-applications/${mode.app.id}/decision`, {
          outcome: "approved",
          note: v.note ?? "",
          certificate: {
            number: v.number,
            issuingBody: v.issuingBody,
            issuedOn: v.issuedOn.format("YYYY-MM-DD"),
          },
        });
        message.success("已批准并核发执法证");
      } else if (mode?.kind === "reject") {
        await api.post(`/certificate-applications/${mode.app.id}/decision`, {
          outcome: "rejected",
          note: v.note,
        });
        message.success("已作出不予批准决定");
      }
      setMode(null);
      load();
      onChanged();
    } catch (e) {
      showError(e);
    }
  };

  const pending = items.some((a) => a.status === "pending");
  return (
    <Card
      title="执法证申领"
      extra={
        (manage || self) &&
        officer.enforcementPost &&
        officer.certificateStatus !== "valid" &&
        officer.certificateStatus !== "suspended" && (
          <Button
            disabled={pending}
            onClick={() => {
              form.resetFields();
              setMode({ kind: "apply" });
            }}
          >
            申领执法证
          </Button>
        )
      }
    >
      <Table<Application>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: "暂无申领记录" }}
        columns={[
          {
            title: "申领时间",
            dataIndex: "appliedAt",
            render: (v: string) => new Date(v).toLocaleString("zh-CN"),
          },
          { title: "执法领域", dataIndex: "fields", render: (f: string[]) => f.join("、") },
          {
            title: "学时 / 考试",
            key: "o2",
            render: (_, a) =>
              `${a.trainingYear} 年 ${a.trainingHours}/${a.requiredHours} 学时；成绩 ${a.examScore ?? "—"}`,
          },
          { title: "状态", dataIndex: "status", render: (s: Application["status"]) => statusTag[s] },
          { title: "审批意见", key: "note", render: (_, a) => a.decision?.note || "—" },
          {
            title: "操作",
            key: "op",
            width: 160,
            render: (_, a) =>
              manage && a.status === "pending" ? (
                <Space>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue({ issuingBody: "示范省人民政府", issuedOn: dayjs() });
                      setMode({ kind: "approve", app: a });
                    }}
                  >
                    批准发证
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => {
                      form.resetFields();
                      setMode({ kind: "reject", app: a });
                    }}
                  >
                    不予批准
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={mode !== null}
        title={
          mode?.kind === "apply"
            ? "申领执法证"
            : mode?.kind === "approve"
              ? "批准申领并核发执法证"
              : "不予批准"
        }
        okText="提交"
        onOk={submit}
        onCancel={() => setMode(null)}
        destroyOnHidden
      >
        <Form name="certificateApplication" form={form} layout="vertical">
          {mode?.kind === "apply" && (
            <>
              <Typography.Paragraph type="secondary">
                须在执法岗位、本年度培训学时达到规定并通过执法资格考试（O2）。
              </Typography.Paragraph>
              <Form.Item
                name="fields"
                label="申请的执法领域"
                rules={[{ required: true, type: "array", min: 1, message: "至少填写一个执法领域" }]}
              >
                <Select mode="tags" placeholder="如：市容环境卫生" />
              </Form.Item>
            </>
          )}
          {mode?.kind === "approve" && (
            <Space align="start" wrap>
              <Form.Item
                name="number"
                label="执法证号"
                rules={[{ required: true, min: 4, message: "请填写证号" }]}
              >
                <Input maxLength={40} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="issuingBody" label="发证机关" rules={[{ required: true, min: 2 }]}>
                <Input maxLength={100} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: "请选择日期" }]}>
                <DatePicker />
              </Form.Item>
            </Space>
          )}
          <Form.Item
            name="note"
            label={mode?.kind === "reject" ? "不予批准的理由" : "备注"}
            rules={mode?.kind === "reject" ? [{ required: true, min: 2, message: "请填写理由" }] : []}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
