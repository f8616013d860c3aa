import { UploadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../lib/api";
import { type ComplaintOptions, postComplaintForm } from "../lib/complaints";
import { useApiError } from "../lib/feedback";

type Values = {
  bureauId: string;
  category: string;
  address: string;
  description: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  email?: string;
};

/** 我要投诉举报: the public complaint form (no login; seed 001 item 25: public channels). */
export default function ComplaintFormPage() {
  const [options, setOptions] = useState<ComplaintOptions>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ trackingCode: string; answerDueOn: string | null }>();
  const [form] = Form.useForm<Values>();
  const anonymous = Form.useWatch("anonymous", form);
  const bureauId = Form.useWatch("bureauId", form);
  const unit = options?.units.find((u) => u.id === bureauId);
  const showError = useApiError();

  useEffect(() => {
    api.get<ComplaintOptions>("/public/complaint-options").then(setOptions).catch(showError);
  }, [showError]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await postComplaintForm<{ trackingCode: string; answerDueOn: string | null }>(
        "/public/complaints",
        {
          bureauId: v.bureauId,
          category: v.category,
          address: v.address,
          description: v.description,
          anonymous: String(v.anonymous),
          "reporter.name": v.anonymous ? undefined : v.name,
          "reporter.phone": v.anonymous ? undefined : v.phone,
          "reporter.email": v.anonymous ? undefined : v.email,
        },
        files.map((f) => f.originFileObj as File).filter(Boolean),
      );
      setDone(r);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  if (done)
    return (
      <Card>
        <Result
          status="success"
          title="投诉举报已提交"
          subTitle={
            <>
              请记下您的查询码，凭查询码查看办理进度和答复。
              <Typography.Title
                level={2}
                copyable
                data-testid="tracking-code"
                style={{ margin: "16px 0", letterSpacing: 4 }}
              >
                {done.trackingCode}
              </Typography.Title>
              预计答复日期：{done.answerDueOn ?? "待下一年度法定节假日安排公布后确定"}
            </>
          }
          extra={
            <Link to={`/public/complaint/status?code=${done.trackingCode}`}>
              <Button type="primary">查看办理进度</Button>
            </Link>
          }
        />
      </Card>
    );

  return (
    <Card title="我要投诉举报">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="您可以匿名或实名投诉举报。举报人信息依法保密，不会出现在任何公开信息和送达当事人的文书中；实名投诉举报将收到处理结果答复。"
      />
      <Form<Values> form={form} layout="vertical" initialValues={{ anonymous: false }} onFinish={submit}>
        <Form.Item name="bureauId" label="受理单位" rules={[{ required: true, message: "请选择受理单位" }]}>
          <Select
            placeholder="请选择问题所在地的执法单位"
            options={options?.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        {unit?.phone && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            也可拨打{unit.name}投诉举报电话 {unit.phone}
          </Typography.Paragraph>
        )}
        <Form.Item name="category" label="问题类别" rules={[{ required: true, message: "请选择问题类别" }]}>
          <Select
            placeholder="请选择"
            options={options?.categories.map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="address" label="地点" rules={[{ required: true, min: 2, message: "请填写地点" }]}>
          <Input placeholder="例如：湖滨街道湖滨路 18 号门前" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label="问题描述"
          rules={[{ required: true, min: 5, message: "请描述问题（至少 5 个字）" }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="时间、现象、持续情况等" />
        </Form.Item>
        <Form.Item label="现场照片（选填，最多 5 张，每张不超过 10 MB）">
          <Upload
            listType="picture"
            accept="image/jpeg,image/png,image/webp"
            multiple
            maxCount={5}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>选择照片</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="anonymous" label="投诉方式">
          <Radio.Group
            options={[
              { value: false, label: "实名" },
              { value: true, label: "匿名" },
            ]}
          />
        </Form.Item>
        {!anonymous && (
          <>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[
                { required: true, message: "请填写联系电话" },
                {
                  pattern: /^(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})$/,
                  message: "请填写正确的手机号或固定电话",
                },
              ]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item
              name="email"
              label="电子邮箱（选填）"
              rules={[{ type: "email", message: "电子邮箱格式不正确" }]}
            >
              <Input maxLength={100} autoComplete="email" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={saving} block size="large">
          提交
        </Button>
      </Form>
    </Card>
  );
}
