import { Result } from "antd";
import type { ReactNode } from "react";
import { useAuth } from "../lib/auth";

/** Shows the page only when the user holds `perm` in at least one agency. */
export const RequirePerm = ({ perm, children }: { perm: string; children: ReactNode }) => {
  const { can } = useAuth();
  if (!can(perm)) return <Result status="403" title="无权访问" subTitle="您没有访问此页面的权限。" />;
  return <>{children}</>;
};
