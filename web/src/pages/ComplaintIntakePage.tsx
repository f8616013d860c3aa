import { UploadOutlined } from "@ant-design/icons";
import { Button, Card, Form, Input, Select, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { useAgency } from "../lib/agency";
import { useAuth } from "../lib/auth";
import { complaintCategoryLabels, complaintSourceLabels, postComplaintForm } from "../lib/complaints";
import { useApiError } from "../lib/feedback";

type Values = {
  agencyId: string;
  source: string;
  category: string;
  address: string;
  description: string;
  name?: string;
  phone?: string;
  fromDepartment?: string;
};

/**
 * 登记案源: calls, letters and visits at the case centre, transfers in, an officer's patrol finding
 * (phone-friendly, with photos and the phone's position) and supervisors' assignments.
 */
export default function ComplaintIntakePage() {
  const { can } = useAuth();
  const agency = useAgency();
  const navigate = useNavigate();
  const showError = useApiError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [position, setPosition] = useState<{ latitude: number; longitude: number }>();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch("source", form);
  const sources = [
    ...(can("complaint.intake") ? ["phone", "letter", "visit", "transfer_in"] : []),
    ...(can("complaint.handle") ? ["patrol"] : []),
    ...(can("complaint.assign") ? ["assignment"] : []),
  ];
  const desk = ["phone", "letter", "visit"].includes(source ?? "");

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => setPosition(undefined),
    );

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const r = await postComplaintForm<{ id: string }>(
        "/complaints",
        {
          agencyId: v.agencyId,
          source: v.source,
          category: v.category,
          address: v.address,
          description: v.description,
          fromDepartment: v.fromDepartment,
          "reporter.name": desk ? v.name : undefined,
          "reporter.phone": desk ? v.phone : undefined,
          latitude: position ? String(position.latitude) : undefined,
          longitude: position ? String(position.longitude) : undefined,
        },
        files.map((f) => f.originFileObj as File).filter(Boolean),
      );
      navigate(`/complaints/${r.id}`);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="登记案源" style={{ maxWidth: 720 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ agencyId: agency.currentId ?? undefined, source: sources[0] }}
        onFinish={submit}
      >
        <Form.Item name="source" label="来源" rules={[{ required: true, message: "请选择来源" }]}>
          <Select options={sources.map((s) => ({ value: s, label: complaintSourceLabels[s] }))} />
        </Form.Item>
        <Form.Item name="agencyId" label="接收单位" rules={[{ required: true, message: "请选择接收单位" }]}>
          <AgencySelect agencies={agency.all} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: "请选择类别" }]}>
          <Select
            options={Object.entries(complaintCategoryLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="address" label="地点" rules={[{ required: true, min: 2, message: "请填写地点" }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="description"
          label="内容"
          rules={[{ required: true, min: 5, message: "请填写内容（至少 5 个字）" }]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        {(source === "transfer_in" || source === "assignment") && (
          <Form.Item
            name="fromDepartment"
            label={source === "transfer_in" ? "移送部门" : "交办单位及文号"}
            rules={[{ required: source === "transfer_in", message: "请填写移送部门" }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        {desk && (
          <>
            <Form.Item name="name" label="举报人姓名（匿名可不填）">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="phone" label="举报人电话">
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </>
        )}
        <Form.Item label="照片">
          <Upload
            listType="picture"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            maxCount={5}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>拍照或选择照片</Button>
          </Upload>
        </Form.Item>
        {source === "patrol" && (
          <Form.Item label="位置">
            <Button onClick={locate}>
              {position
                ? `已定位 ${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}`
                : "获取当前位置"}
            </Button>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving} block>
          登记
        </Button>
      </Form>
    </Card>
  );
}
