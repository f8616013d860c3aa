import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { CertificateApplicationsCard } from "../components/CertificateApplicationsCard";
import { FullPageSpin } from "../components/FullPageSpin";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { type Certificate, certificateEventLabels, type OfficerDetail } from "../lib/officers";
import { StatusTag } from "./OfficersPage";

type Action =
  | { kind: "issue" }
  | { kind: "renew"; cert: Certificate }
  | { kind: "suspension" | "reinstatement" | "revocation"; cert: Certificate }
  | { kind: "review"; cert: Certificate }
  | { kind: "rotate" }
  | { kind: "edit" };

const titles: Record<Action["kind"], string> = {
  issue: "核发执法证",
  renew: "换发执法证",
  suspension: "暂扣执法证",
  reinstatement: "恢复执法证",
  revocation: "收回（注销）执法证",
  review: "登记年审",
  rotate: "轮岗 / 调整岗位",
  edit: "修改档案",
};

const day = (d: Dayjs | undefined | null) => (d ? d.format("YYYY-MM-DD") : undefined);

export default function OfficerDetailPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const showError = useApiError();
  const [officer, setOfficer] = useState<OfficerDetail | null>(null);
  const [action, setAction] = useState<Action | null>(null);

  const load = useCallback(() => {
    api.get<OfficerDetail>(`/officers/${id}`).then(setOfficer).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  if (!officer) return <FullPageSpin />;
  const manage = can("officer.manage");
  const thisYear = officer.training.at(-1);

  const certActions = (c: Certificate): ReactNode =>
    manage && (
      <Space size={0} wrap>
        {(c.status === "valid" || c.status === "suspended") && (
          <Button type="link" size="small" onClick={() => setAction({ kind: "review", cert: c })}>
            年审
          </Button>
        )}
        {c.status === "valid" && (
          <Button type="link" size="small" onClick={() => setAction({ kind: "suspension", cert: c })}>
            暂扣
          </Button>
        )}
        {c.status === "suspended" && (
          <Button type="link" size="small" onClick={() => setAction({ kind: "reinstatement", cert: c })}>
            恢复
          </Button>
        )}
        {(c.status === "valid" || c.status === "expired") && c.id === officer.certificates.at(-1)?.id && (
          <Button type="link" size="small" onClick={() => setAction({ kind: "renew", cert: c })}>
            换发
          </Button>
        )}
        {c.status !== "revoked" && c.status !== "replaced" && (
          <Button type="link" size="small" danger onClick={() => setAction({ kind: "revocation", cert: c })}>
            收回
          </Button>
        )}
      </Space>
    );

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={
          <Space>
            <Link to="/officers">执法人员</Link>/<span>{officer.displayName}</span>
            <StatusTag status={officer.certificateStatus} />
          </Space>
        }
        extra={
          manage && (
            <Space>
              <Button onClick={() => setAction({ kind: "edit" })}>修改档案</Button>
              <Button onClick={() => setAction({ kind: "rotate" })}>轮岗 / 调岗</Button>
              <Button type="primary" onClick={() => setAction({ kind: "issue" })}>
                核发执法证
              </Button>
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="账号">{officer.username}</Descriptions.Item>
          <Descriptions.Item label="所在机构">{officer.agencyName}</Descriptions.Item>
          <Descriptions.Item label="岗位">
            {officer.post}{" "}
            {officer.enforcementPost ? <Tag color="blue">执法岗位</Tag> : <Tag>非执法岗位</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="工号">{officer.staffNo || "—"}</Descriptions.Item>
          <Descriptions.Item label="性别">{officer.gender || "—"}</Descriptions.Item>
          <Descriptions.Item label="编制类别">{officer.staffKind || "—"}</Descriptions.Item>
          <Descriptions.Item label="法律职业资格">
            {officer.legalQualificationNo
              ? `${officer.legalQualificationNo}（${officer.legalQualificationDate} 取得）`
              : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={`${thisYear?.year ?? ""} 年培训学时`}>
            {thisYear ? (
              <Space>
                <Progress
                  percent={Math.min(
                    100,
                    Math.round((thisYear.hours * 100) / Math.max(1, thisYear.requiredHours)),
                  )}
                  size="small"
                  style={{ width: 120 }}
                  status={thisYear.hours >= thisYear.requiredHours ? "success" : "normal"}
                />
                {thisYear.hours} / {thisYear.requiredHours}
              </Space>
            ) : (
              "—"
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="执法证记录（换发后旧证保留）">
        <Table<Certificate>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...officer.certificates].reverse()}
          columns={[
            { title: "证号", dataIndex: "number", width: 150 },
            { title: "发证机关", dataIndex: "issuingBody", width: 140 },
            {
              title: "执法领域",
              dataIndex: "fields",
              render: (v: string[]) => v.map((f) => <Tag key={f}>{f}</Tag>),
            },
            { title: "发证日期", dataIndex: "issuedOn", width: 110 },
            { title: "有效期至", dataIndex: "expiresOn", width: 110 },
            {
              title: "状态",
              dataIndex: "status",
              width: 90,
              render: (v: string) => <StatusTag status={v} />,
            },
            {
              title: "状态变化 / 年审",
              key: "history",
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  {c.events.map((e) => (
                    <Typography.Text key={e.id} type="secondary">
                      {e.effectiveOn} {certificateEventLabels[e.kind] ?? e.kind}：{e.reason}
                    </Typography.Text>
                  ))}
                  {c.reviews.map((r) => (
                    <Typography.Text key={r.id} type={r.outcome === "passed" ? "success" : "danger"}>
                      {r.year} 年度年审（{r.reviewedOn}）：{r.outcome === "passed" ? "合格" : "不合格"}
                      {r.note ? `，${r.note}` : ""}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            { title: "操作", key: "actions", width: 200, render: (_, c) => certActions(c) },
          ]}
        />
      </Card>

      <CertificateApplicationsCard officer={officer} onChanged={load} />

      <Space align="start" style={{ width: "100%" }} wrap>
        <Card title="轮岗记录" style={{ minWidth: 420 }}>
          <Timeline
            items={officer.rotations.map((r) => ({
              color: r.enforcementPost ? "blue" : "gray",
              content: (
                <>
                  <b>{r.effectiveOn}</b> {r.fromPost ? `${r.fromAgencyName} · ${r.fromPost} → ` : ""}
                  {r.toAgencyName} · {r.toPost}
                  <br />
                  <Typography.Text type="secondary">{r.reason}</Typography.Text>
                </>
              ),
            }))}
          />
        </Card>
        <Card title="年度培训学时" style={{ minWidth: 320 }}>
          <Table
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={officer.training}
            columns={[
              { title: "年度", dataIndex: "year" },
              { title: "已完成", dataIndex: "hours" },
              { title: "应完成", dataIndex: "requiredHours" },
              {
                title: "",
                key: "ok",
                render: (_, t) =>
                  t.hours >= t.requiredHours ? (
                    <Tag color="green">达标</Tag>
                  ) : (
                    <Tag color="orange">未达标</Tag>
                  ),
              },
            ]}
          />
        </Card>
      </Space>

      <ActionModal
        officer={officer}
        action={action}
        onClose={() => setAction(null)}
        onDone={(o) => {
          setAction(null);
          setOfficer(o);
        }}
      />
    </Space>
  );
}

const ActionModal = ({
  officer,
  action,
  onClose,
  onDone,
}: {
  officer: OfficerDetail;
  action: Action | null;
  onClose: () => void;
  onDone: (o: OfficerDetail) => void;
}) => {
  const [form] = Form.useForm();
  const agency = useAgency();
  const showError = useApiError();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  if (!action) return null;

  const initial: Record<string, unknown> = {
    issue: { issuingBody: "示范省人民政府", issuedOn: dayjs(), fields: [] },
    renew: {
      issuingBody: action.kind === "renew" ? action.cert.issuingBody : "",
      fields: action.kind === "renew" ? action.cert.fields : [],
      issuedOn: dayjs(),
    },
    suspension: { effectiveOn: dayjs() },
    reinstatement: { effectiveOn: dayjs() },
    revocation: { effectiveOn: dayjs() },
    review: { year: dayjs().year() - 1, reviewedOn: dayjs(), outcome: "passed" },
    rotate: {
      agencyId: officer.agencyId,
      post: officer.post,
      enforcementPost: officer.enforcementPost,
      effectiveOn: dayjs(),
    },
    edit: {
      staffNo: officer.staffNo,
      gender: officer.gender,
      staffKind: officer.staffKind,
      legalQualificationNo: officer.legalQualificationNo,
      legalQualificationDate: officer.legalQualificationDate
        ? dayjs(officer.legalQualificationDate)
        : undefined,
    },
  }[action.kind] as Record<string, unknown>;

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      let result: OfficerDetail;
      const k = action.kind;
      if (k === "issue" || k === "renew") {
        const body = {
          number: v.number,
          issuingBody: v.issuingBody,
          fields: v.fields,
          issuedOn: day(v.issuedOn),
          expiresOn: day(v.expiresOn),
        };
        result =
          k === "issue"
            ? await api.post(`/officers/${officer.id}/certificates`, body)
            : await api.post(`/certificates/${action.cert.id}/renewal`, body);
      } else if (k === "suspension" || k === "reinstatement" || k === "revocation") {
        result = await api.post(`/certificates/${action.cert.id}/${k}`, {
          effectiveOn: day(v.effectiveOn),
          reason: v.reason,
        });
      } else if (k === "review") {
        result = await api.post(`/certificates/${action.cert.id}/reviews`, {
          year: v.year,
          reviewedOn: day(v.reviewedOn),
          outcome: v.outcome,
          note: v.note ?? "",
        });
      } else if (k === "rotate") {
        result = await api.post(`/officers/${officer.id}/rotations`, {
          agencyId: v.agencyId,
          post: v.post,
          enforcementPost: v.enforcementPost,
          effectiveOn: day(v.effectiveOn),
          reason: v.reason,
        });
      } else {
        result = await api.patch(`/officers/${officer.id}`, {
          version: officer.version,
          staffNo: v.staffNo ?? "",
          gender: v.gender ?? "",
          staffKind: v.staffKind ?? "",
          legalQualificationNo: v.legalQualificationNo || null,
          legalQualificationDate: day(v.legalQualificationDate) ?? null,
        });
      }
      message.success("已保存");
      onDone(result);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  const k = action.kind;
  return (
    <Modal
      title={`${titles[k]} · ${officer.displayName}${"cert" in action ? `（${action.cert.number}）` : ""}`}
      open
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="保存"
      okButtonProps={{ danger: k === "revocation" || k === "suspension" }}
      destroyOnHidden
    >
      <Form name="officerAction" form={form} layout="vertical" initialValues={initial} preserve={false}>
        {(k === "issue" || k === "renew") && (
          <>
            <Form.Item name="number" label="执法证号" rules={[...required("证号"), { min: 4, max: 40 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="issuingBody" label="发证机关" rules={required("发证机关")}>
              <Input />
            </Form.Item>
            <Form.Item
              name="fields"
              label="执法领域"
              rules={[{ required: true, type: "array", min: 1, message: "至少一个执法领域" }]}
            >
              <Select
                mode="tags"
                options={["市容环境卫生", "城乡规划", "市政公用", "园林绿化", "农业", "林业", "水利"].map(
                  (value) => ({ value }),
                )}
              />
            </Form.Item>
            <Space>
              <Form.Item name="issuedOn" label="发证日期" rules={required("发证日期")}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="expiresOn" label="有效期至（默认按设置）">
                <DatePicker />
              </Form.Item>
            </Space>
          </>
        )}
        {(k === "suspension" || k === "reinstatement" || k === "revocation") && (
          <>
            <Form.Item name="effectiveOn" label="生效日期" rules={required("生效日期")}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="reason" label="原因" rules={[...required("原因"), { max: 200 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {k === "review" && (
          <>
            <Space>
              <Form.Item name="year" label="年审年度" rules={required("年度")}>
                <InputNumber min={2000} max={2100} />
              </Form.Item>
              <Form.Item name="reviewedOn" label="审核日期" rules={required("审核日期")}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="outcome" label="结论" rules={required("结论")}>
                <Select
                  style={{ width: 140 }}
                  options={[
                    { value: "passed", label: "合格" },
                    { value: "failed", label: "不合格（暂扣）" },
                  ]}
                />
              </Form.Item>
            </Space>
            <Form.Item name="note" label="备注" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {k === "rotate" && (
          <>
            <Form.Item name="agencyId" label="调入机构" rules={required("机构")}>
              <AgencySelect agencies={agency.all} />
            </Form.Item>
            <Space>
              <Form.Item name="post" label="新岗位" rules={[...required("岗位"), { max: 50 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="enforcementPost" label="执法岗位" valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="effectiveOn" label="生效日期" rules={required("生效日期")}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Typography.Paragraph type="warning">
              离开执法岗位将立即收回其全部执法证（O2）。
            </Typography.Paragraph>
            <Form.Item name="reason" label="原因" rules={[...required("原因"), { max: 200 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {k === "edit" && (
          <>
            <Space>
              <Form.Item name="staffNo" label="工号" rules={[{ max: 30 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="gender" label="性别">
                <Select style={{ width: 80 }} allowClear options={[{ value: "男" }, { value: "女" }]} />
              </Form.Item>
              <Form.Item name="staffKind" label="编制类别" rules={[{ max: 30 }]}>
                <Input />
              </Form.Item>
            </Space>
            <Space>
              <Form.Item
                name="legalQualificationNo"
                label="法律职业资格证书编号（P10）"
                rules={[{ max: 40 }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="legalQualificationDate" label="取得日期">
                <DatePicker />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
};
