import { lazy, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { AppLayout } from "./components/AppLayout";
import { FullPageSpin } from "./components/FullPageSpin";
import { RequirePerm } from "./components/RequirePerm";
import { AgencyProvider } from "./lib/agency";
import { useAuth } from "./lib/auth";
import LoginPage from "./pages/LoginPage";

const WorkbenchPage = lazy(() => import("./pages/WorkbenchPage"));
const AgenciesPage = lazy(() => import("./pages/AgenciesPage"));
const UsersPage = lazy(() => import("./pages/UsersPage"));
const SettingsPage = lazy(() => import("./pages/SettingsPage"));
const CalendarPage = lazy(() => import("./pages/CalendarPage"));
const SecurityEventsPage = lazy(() => import("./pages/SecurityEventsPage"));
const LedgerPage = lazy(() => import("./pages/LedgerPage"));
const EvidencePage = lazy(() => import("./pages/EvidencePage"));
const OfficersPage = lazy(() => import("./pages/OfficersPage"));
const OfficerDetailPage = lazy(() => import("./pages/OfficerDetailPage"));
const TrainingPage = lazy(() => import("./pages/TrainingPage"));
const TrainingPlanPage = lazy(() => import("./pages/TrainingPlanPage"));
const PasswordPage = lazy(() => import("./pages/PasswordPage"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage"));
const LawsPage = lazy(() => import("./pages/LawsPage"));
const PowersPage = lazy(() => import("./pages/PowersPage"));
const BenchmarksPage = lazy(() => import("./pages/BenchmarksPage"));
const CasesPage = lazy(() => import("./pages/CasesPage"));
const CaseDetailPage = lazy(() => import("./pages/CaseDetailPage"));

/** Logged-in area: anything else goes to /login (and comes back afterwards). */
const RequireAuth = ({ children }: { children: ReactNode }) => {
  const { me, loggedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    // After a 401 the user comes back to where they were; after "退出登录" they start afresh.
    const state = loggedOut ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
};

const guarded = (perm: string, page: ReactNode) => <RequirePerm perm={perm}>{page}</RequirePerm>;

export const AppRoutes = () => (
  <Routes>
    <Route path="/login" element={<LoginPage />} />
    <Route
      element={
        <RequireAuth>
          <AgencyProvider>
            <AppLayout />
          </AgencyProvider>
        </RequireAuth>
      }
    >
      <Route index element={<WorkbenchPage />} />
      <Route path="cases" element={guarded("case.read", <CasesPage />)} />
      <Route path="cases/:id" element={guarded("case.read", <CaseDetailPage />)} />
      <Route path="agencies" element={guarded("agency.read", <AgenciesPage />)} />
      <Route path="users" element={guarded("user.read", <UsersPage />)} />
      <Route path="settings" element={guarded("settings.read", <SettingsPage />)} />
      <Route path="calendar" element={guarded("calendar.read", <CalendarPage />)} />
      <Route path="security-events" element={guarded("audit.read", <SecurityEventsPage />)} />
      <Route path="ledger" element={guarded("ledger.read", <LedgerPage />)} />
      <Route path="evidence" element={guarded("evidence.read", <EvidencePage />)} />
      <Route path="laws" element={guarded("law.read", <LawsPage />)} />
      <Route path="powers" element={guarded("power.read", <PowersPage />)} />
      <Route path="benchmarks" element={guarded("power.read", <BenchmarksPage />)} />
      <Route path="officers" element={guarded("officer.read", <OfficersPage />)} />
      <Route path="officers/:id" element={guarded("officer.read", <OfficerDetailPage />)} />
      <Route path="training" element={guarded("training.read", <TrainingPage />)} />
      <Route path="training/plans/:id" element={guarded("training.read", <TrainingPlanPage />)} />
      <Route path="password" element={<PasswordPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </Routes>
);
