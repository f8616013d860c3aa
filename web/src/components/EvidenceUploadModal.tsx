import { UploadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Modal, Progress, Select, Upload } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { ApiError, buildUrl } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";

export const evidenceKindOptions = [
  { value: "photo", label: "照片" },
  { value: "audio", label: "录音" },
  { value: "video", label: "录像" },
  { value: "document", label: "书证/文件" },
  { value: "other", label: "其他" },
];

interface Values {
  kind: string;
  caseId?: string;
  action?: string;
  deviceId?: string;
  capturedAt?: Dayjs;
  location?: string;
  description?: string;
}

interface Props {
  open: boolean;
  agencyId: string | null;
  actions: { value: string; label: string }[];
  devices: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * Streams one file with its metadata (fields first, then the file) through XMLHttpRequest, so
 * the upload progress of large videos can be shown.
 */
function send(form: FormData, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", buildUrl("/evidence"));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      try {
        const body = JSON.parse(xhr.responseText) as {
          error?: { code?: string; message?: string; details?: { path?: string; message: string }[] };
        };
        reject(
          new ApiError(
            xhr.status,
            body.error?.code ?? "HTTP_ERROR",
            body.error?.message ?? `上传失败（HTTP ${xhr.status}）`,
            body.error?.details ?? [],
          ),
        );
      } catch {
        reject(new ApiError(xhr.status, "HTTP_ERROR", `上传失败（HTTP ${xhr.status}）`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", "无法连接服务器，请检查网络"));
    xhr.send(form);
  });
}

export const EvidenceUploadModal = ({ open, agencyId, actions, devices, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const showError = useApiError();

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    if (!file || !agencyId) return;
    const data = new FormData();
    data.append("agencyId", agencyId);
    data.append("kind", v.kind);
    if (v.caseId) data.append("caseId", v.caseId.trim());
    if (v.action) data.append("action", v.action);
    if (v.deviceId) data.append("deviceId", v.deviceId);
    if (v.capturedAt) data.append("capturedAt", v.capturedAt.toISOString());
    if (v.location) data.append("location", v.location);
    if (v.description) data.append("description", v.description);
    data.append("file", file, file.name); // the file last: the server streams it
    setPercent(0);
    try {
      await send(data, setPercent);
      form.resetFields();
      setFile(null);
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setPercent(null);
    }
  };

  return (
    <Modal
      title="上传证据"
      open={open}
      onCancel={percent === null ? onClose : undefined}
      onOk={submit}
      okText="上传"
      okButtonProps={{ disabled: !file || !agencyId, loading: percent !== null }}
      destroyOnHidden
    >
      <Form name="evidenceUpload" form={form} layout="vertical" initialValues={{ kind: "photo" }}>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={evidenceKindOptions} />
        </Form.Item>
        <Form.Item
          name="caseId"
          label="案件编号（UUID，可不填）"
          rules={[{ pattern: /^[0-9a-f-]{36}$/i, message: "案件编号格式不正确" }]}
        >
          <Input allowClear />
        </Form.Item>
        <Form.Item name="action" label="执法环节（音像记录清单）">
          <Select options={actions} allowClear />
        </Form.Item>
        <Form.Item name="deviceId" label="执法记录仪">
          <Select options={devices} allowClear showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item name="capturedAt" label="拍摄/录制时间">
          <DatePicker showTime style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="location" label="地点">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item label="文件" required>
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        {percent !== null && <Progress percent={percent} />}
      </Form>
    </Modal>
  );
};
