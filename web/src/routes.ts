import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  LockOutlined,
  PlayCircleOutlined,
  ProjectOutlined,
  ReadOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
  VideoCameraAddOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Role } from '../../common/roles.js';
import type { Me } from '../../common/schemas/auth.js';

export type AppRoute = {
  path: string;
  /** i18n key of the menu entry / page title. */
  nameKey: string;
  icon?: ComponentType;
  /** Ability (from `me.abilities`) needed to see the entry and open the page. */
  access?: string;
  /** Only for these active roles / not for these (e.g. 本校信息 vs 学校管理). */
  roles?: readonly Role[];
  hideForRoles?: readonly Role[];
  /** Menu group (i18n key); entries without one sit at the top level. */
  groupKey?: string;
  /** Not in the menu (detail pages, 我的账号). */
  hideInMenu?: boolean;
  component: LazyExoticComponent<ComponentType>;
};

const SCHOOL_ROLES = ['school_admin', 'principal'] as const;
const BUREAU_ROLES = ['bureau_admin', 'province_admin'] as const;

/** The pages inside the logged-in layout; this list is also the menu. */
export const routes: AppRoute[] = [
  { path: '/', nameKey: 'menu.home', icon: HomeOutlined, component: lazy(() => import('./pages/home/index.js')) },
  {
    path: '/my-profile',
    nameKey: 'menu.myProfile',
    icon: IdcardOutlined,
    roles: ['teacher'],
    component: lazy(() => import('./pages/teachers/my-profile/index.js')),
  },
  {
    path: '/catalogue',
    nameKey: 'menu.catalogue',
    icon: ReadOutlined,
    roles: ['teacher'],
    component: lazy(() => import('./pages/learner/catalogue/index.js')),
  },
  {
    path: '/my/enrolments',
    nameKey: 'menu.myEnrolments',
    icon: FileDoneOutlined,
    roles: ['teacher'],
    component: lazy(() => import('./pages/learner/my-enrolments/index.js')),
  },
  {
    path: '/my/record',
    nameKey: 'menu.myRecord',
    icon: SolutionOutlined,
    roles: ['teacher'],
    component: lazy(() => import('./pages/learner/my-record/index.js')),
  },
  {
    path: '/checkin',
    nameKey: 'menu.checkin',
    icon: CheckSquareOutlined,
    roles: ['teacher'],
    component: lazy(() => import('./pages/learner/checkin/index.js')),
  },
  {
    path: '/notifications',
    nameKey: 'menu.notifications',
    icon: BellOutlined,
    hideInMenu: true,
    component: lazy(() => import('./pages/learner/notifications/index.js')),
  },
  {
    path: '/training/year',
    nameKey: 'menu.trainingYear',
    icon: CalendarOutlined,
    access: 'training.calendar',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/training/year/index.js')),
  },
  {
    path: '/projects',
    nameKey: 'menu.projects',
    icon: ProjectOutlined,
    access: 'projects.declare',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/training/projects/index.js')),
  },
  {
    path: '/projects/review',
    nameKey: 'menu.projectReview',
    icon: ProjectOutlined,
    access: 'projects.review',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/training/projects/index.js')),
  },
  {
    path: '/projects/:id',
    nameKey: 'menu.projectDetail',
    hideInMenu: true,
    component: lazy(() => import('./pages/training/project-detail/index.js')),
  },
  {
    path: '/classes/:id',
    nameKey: 'menu.classConsole',
    hideInMenu: true,
    component: lazy(() => import('./pages/training/class-console/index.js')),
  },
  {
    path: '/enrolments/review',
    nameKey: 'menu.enrolmentReview',
    icon: AuditOutlined,
    access: 'enrolments.review',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/learner/enrolment-review/index.js')),
  },
  {
    path: '/enrolments/collective',
    nameKey: 'menu.collective',
    icon: UsergroupAddOutlined,
    access: 'enrolments.collective',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/learner/collective/index.js')),
  },
  {
    path: '/training/stats',
    nameKey: 'menu.trainingStats',
    icon: BarChartOutlined,
    access: 'training.stats',
    groupKey: 'menu.groupTraining',
    component: lazy(() => import('./pages/training/stats/index.js')),
  },
  // CRS online synchronous courses (网络同步课): the catalogue for everyone, the studio, reviews and the window.
  {
    path: '/courses',
    nameKey: 'menu.courseCatalogue',
    icon: PlayCircleOutlined,
    groupKey: 'menu.groupCourses',
    component: lazy(() => import('./pages/courses/catalogue/index.js')),
  },
  {
    path: '/courses/mine',
    nameKey: 'menu.courseStudio',
    icon: VideoCameraAddOutlined,
    access: 'courses.declare',
    groupKey: 'menu.groupCourses',
    component: lazy(() => import('./pages/courses/studio/index.js')),
  },
  {
    path: '/courses/review',
    nameKey: 'menu.courseReview',
    icon: AuditOutlined,
    access: 'courses.review',
    groupKey: 'menu.groupCourses',
    component: lazy(() => import('./pages/courses/review/index.js')),
  },
  {
    path: '/courses/lesson-review',
    nameKey: 'menu.lessonReview',
    icon: FileSearchOutlined,
    access: 'courses.review',
    groupKey: 'menu.groupCourses',
    component: lazy(() => import('./pages/courses/lesson-review/index.js')),
  },
  {
    path: '/courses/window',
    nameKey: 'menu.courseWindow',
    icon: CalendarOutlined,
    access: 'courses.window',
    groupKey: 'menu.groupCourses',
    component: lazy(() => import('./pages/courses/window/index.js')),
  },
  {
    path: '/courses/:id',
    nameKey: 'menu.courseDetail',
    hideInMenu: true,
    component: lazy(() => import('./pages/courses/course/index.js')),
  },
  {
    path: '/courses/:id/manage',
    nameKey: 'menu.courseWorkspace',
    access: 'courses.declare',
    hideInMenu: true,
    component: lazy(() => import('./pages/courses/workspace/index.js')),
  },
  {
    path: '/lessons/:id',
    nameKey: 'menu.lessonPlayer',
    hideInMenu: true,
    component: lazy(() => import('./pages/courses/player/index.js')),
  },
  {
    path: '/org/regions',
    nameKey: 'menu.regions',
    icon: ApartmentOutlined,
    access: 'regions.view',
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/org/regions/index.js')),
  },
  {
    path: '/org/schools',
    nameKey: 'menu.schools',
    icon: ReadOutlined,
    access: 'schools.view',
    hideForRoles: SCHOOL_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/org/schools/index.js')),
  },
  {
    path: '/org/my-school',
    nameKey: 'menu.mySchool',
    icon: ReadOutlined,
    access: 'schools.view',
    roles: SCHOOL_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/org/my-school/index.js')),
  },
  {
    path: '/org/schools/:id',
    nameKey: 'menu.schoolDetail',
    access: 'schools.view',
    hideInMenu: true,
    component: lazy(() => import('./pages/org/school-detail/index.js')),
  },
  {
    path: '/teachers',
    nameKey: 'menu.teachers',
    icon: SolutionOutlined,
    access: 'teachers.view',
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/teachers/list/index.js')),
  },
  {
    path: '/teachers/:id',
    nameKey: 'menu.teacherDetail',
    access: 'teachers.view',
    hideInMenu: true,
    component: lazy(() => import('./pages/teachers/detail/index.js')),
  },
  {
    path: '/teachers/import',
    nameKey: 'menu.teacherImport',
    icon: CloudUploadOutlined,
    access: 'teachers.manage',
    roles: SCHOOL_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/teachers/import/index.js')),
  },
  {
    path: '/teachers/stats',
    nameKey: 'menu.teacherStats',
    icon: BarChartOutlined,
    access: 'teachers.view',
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/teachers/stats/index.js')),
  },
  {
    path: '/teachers/changes',
    nameKey: 'menu.profileReview',
    icon: FileDoneOutlined,
    access: 'teachers.manage',
    roles: SCHOOL_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/teachers/changes/index.js')),
  },
  {
    path: '/transfers',
    nameKey: 'menu.transfers',
    icon: SwapOutlined,
    access: 'teachers.manage',
    roles: SCHOOL_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/transfers/apply/index.js')),
  },
  {
    path: '/transfers/approvals',
    nameKey: 'menu.transferApprovals',
    icon: CheckSquareOutlined,
    access: 'teachers.manage',
    roles: BUREAU_ROLES,
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/transfers/approvals/index.js')),
  },
  {
    path: '/teacher-pool',
    nameKey: 'menu.teacherPool',
    icon: UsergroupAddOutlined,
    access: 'teachers.manage',
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/transfers/pool/index.js')),
  },
  {
    path: '/org/institutions',
    nameKey: 'menu.institutions',
    icon: BankOutlined,
    access: 'institutions.view',
    groupKey: 'menu.groupOrg',
    component: lazy(() => import('./pages/org/institutions/index.js')),
  },
  {
    path: '/org/admins',
    nameKey: 'menu.admins',
    icon: TeamOutlined,
    access: 'admins.view',
    groupKey: 'menu.groupAccounts',
    component: lazy(() => import('./pages/org/admins/index.js')),
  },
  {
    path: '/accounts/locked',
    nameKey: 'menu.locked',
    icon: LockOutlined,
    access: 'accounts.locked',
    groupKey: 'menu.groupAccounts',
    component: lazy(() => import('./pages/accounts/locked/index.js')),
  },
  {
    path: '/audit',
    nameKey: 'menu.audit',
    icon: AuditOutlined,
    access: 'audit.view',
    groupKey: 'menu.groupAccounts',
    component: lazy(() => import('./pages/audit/logs/index.js')),
  },
  {
    path: '/me',
    nameKey: 'menu.me',
    icon: UserOutlined,
    hideInMenu: true,
    component: lazy(() => import('./pages/account/me/index.js')),
  },
];

/** Whether the current identity may open a route (the server decides again for every request). */
export function canOpen(route: AppRoute, me: Me) {
  const role = me.roles.find((r) => r.id === me.activeRoleId)?.role;
  if (route.access && !me.abilities.includes(route.access)) return false;
  if (route.roles && (!role || !route.roles.includes(role))) return false;
  if (route.hideForRoles && role && route.hideForRoles.includes(role)) return false;
  return true;
}

export function menuRoutes(me: Me) {
  return routes.filter((r) => !r.hideInMenu && canOpen(r, me));
}
